package jollama.server.http;

import jollama.server.http.sched.KeepAlive;
import jollama.server.store.StoreSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the server reads from the environment (ollama-api.md §4.4), read once. Nothing else
 * in the server looks at environment variables, so tests pass their own map.
 *
 * @param bind            OLLAMA_HOST
 * @param keepAlive       OLLAMA_KEEP_ALIVE, default 5m
 * @param contextLength   OLLAMA_CONTEXT_LENGTH; unset or 0 picks the smallest VRAM tier (4096) on a CPU
 * @param numParallel     OLLAMA_NUM_PARALLEL, default 1
 * @param maxLoadedModels OLLAMA_MAX_LOADED_MODELS, default (0) is 3 per GPU, 3 on a CPU
 * @param maxQueue        OLLAMA_MAX_QUEUE, default 512
 * @param origins         OLLAMA_ORIGINS, extra CORS origins
 * @param debug           OLLAMA_DEBUG: 0 off, 1 debug, 2 trace
 * @param goTemplate      OLLAMA_GO_TEMPLATE: prefer (true) or ignore (false) Modelfile TEMPLATE layers; null unset
 */
public record ServerConfig(HostPort bind, KeepAlive keepAlive, int contextLength, int numParallel,
                           int maxLoadedModels, int maxQueue, List<String> origins, int debug, Boolean goTemplate) {

    public static final int DEFAULT_CONTEXT_LENGTH = 4096;
    public static final int DEFAULT_MAX_LOADED_MODELS = 3;
    public static final int DEFAULT_MAX_QUEUE = 512;

    public ServerConfig {
        origins = List.copyOf(origins);
        if (contextLength < 1 || numParallel < 1 || maxLoadedModels < 1 || maxQueue < 1) {
            throw new IllegalArgumentException("invalid server config: context " + contextLength + ", parallel "
                    + numParallel + ", max loaded " + maxLoadedModels + ", max queue " + maxQueue);
        }
    }

    /** The defaults, listening on 127.0.0.1 at {@code port} (0 for any free one). */
    public static ServerConfig defaults(int port) {
        return fromEnvironment(Map.of()).withBind(new HostPort("127.0.0.1", port));
    }

    /** Reads the variables the way Ollama's envconfig does: trimmed of spaces and quotes; bad values give defaults. */
    public static ServerConfig fromEnvironment(Map<String, String> env) {
        int context = nonNegative(env, "OLLAMA_CONTEXT_LENGTH", 0);
        int loaded = nonNegative(env, "OLLAMA_MAX_LOADED_MODELS", 0);
        int parallel = nonNegative(env, "OLLAMA_NUM_PARALLEL", 0);
        int queue = nonNegative(env, "OLLAMA_MAX_QUEUE", 0);
        List<String> origins = new ArrayList<>();
        for (String origin : value(env, "OLLAMA_ORIGINS").split(",")) {
            if (!origin.isBlank()) {
                origins.add(origin.strip());
            }
        }
        return new ServerConfig(
                HostPort.parse(value(env, "OLLAMA_HOST")),
                KeepAlive.fromEnvironment(value(env, "OLLAMA_KEEP_ALIVE")),
                context == 0 ? DEFAULT_CONTEXT_LENGTH : context,
                parallel == 0 ? 1 : parallel,
                loaded == 0 ? DEFAULT_MAX_LOADED_MODELS : loaded,
                queue == 0 ? DEFAULT_MAX_QUEUE : queue,
                origins,
                debugLevel(value(env, "OLLAMA_DEBUG")),
                goTemplate(value(env, "OLLAMA_GO_TEMPLATE")));
    }

    public ServerConfig withBind(HostPort bind) {
        return new ServerConfig(bind, keepAlive, contextLength, numParallel, maxLoadedModels, maxQueue, origins, debug, goTemplate);
    }

    public ServerConfig withKeepAlive(KeepAlive keepAlive) {
        return new ServerConfig(bind, keepAlive, contextLength, numParallel, maxLoadedModels, maxQueue, origins, debug, goTemplate);
    }

    public ServerConfig withContextLength(int contextLength) {
        return new ServerConfig(bind, keepAlive, contextLength, numParallel, maxLoadedModels, maxQueue, origins, debug, goTemplate);
    }

    private static String value(Map<String, String> env, String key) {
        return StoreSettings.envValue(env, key);
    }

    /** Ollama's envconfig Uint: unset, unparsable or negative values give the default. */
    private static int nonNegative(Map<String, String> env, String key, int defaultValue) {
        String v = value(env, key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            long n = Long.parseLong(v);
            return n < 0 ? defaultValue : (int) Math.min(n, Integer.MAX_VALUE);
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }

    /** OLLAMA_DEBUG: a number is the level; true-ish words are 1; unset or false-ish is 0. */
    private static int debugLevel(String v) {
        if (v.isEmpty()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(v));
        } catch (NumberFormatException e) {
            return switch (v.toLowerCase(java.util.Locale.ROOT)) {
                case "false", "f", "off", "no" -> 0;
                default -> 1;
            };
        }
    }

    private static Boolean goTemplate(String v) {
        if (v.isEmpty()) {
            return null;
        }
        return v.equals("1") || v.equalsIgnoreCase("true");
    }
}
