package jollama.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ollama's CORS rules (ollama-api.md §0, gin-contrib/cors as Ollama configures it): OLLAMA_ORIGINS
 * plus the local origins and app schemes; {@code *} inside an origin is a wildcard and a lone
 * {@code *} allows every origin. Requests without an Origin, or from their own origin, pass
 * untouched; a preflight gets 204 with the allowed methods and headers; a refused origin gets 403.
 */
final class CorsPolicy {

    static final String ALLOWED_METHODS = "GET,POST,PUT,PATCH,DELETE,HEAD,OPTIONS";
    static final String ALLOWED_HEADERS = String.join(",", List.of(
            "Authorization", "Content-Type", "User-Agent", "Accept", "X-Requested-With", "OpenAI-Beta",
            "x-stainless-arch", "x-stainless-async", "x-stainless-custom-poll-interval",
            "x-stainless-helper-method", "x-stainless-lang", "x-stainless-os", "x-stainless-package-version",
            "x-stainless-poll-helper", "x-stainless-retry-count", "x-stainless-runtime",
            "x-stainless-runtime-version", "x-stainless-timeout"));
    /** gin-contrib/cors's default max age: 12 hours. */
    static final String MAX_AGE = "43200";

    private final boolean allowAll;
    private final List<String> exact = new ArrayList<>();
    private final List<String[]> wildcards = new ArrayList<>();

    CorsPolicy(List<String> extraOrigins) {
        List<String> origins = new ArrayList<>(extraOrigins);
        for (String host : List.of("localhost", "127.0.0.1", "0.0.0.0")) {
            origins.add("http://" + host);
            origins.add("https://" + host);
            origins.add("http://" + host + ":*");
            origins.add("https://" + host + ":*");
        }
        origins.addAll(List.of("app://*", "file://*", "tauri://*", "vscode-webview://*", "vscode-file://*"));
        boolean all = false;
        for (String origin : origins) {
            if (origin.equals("*")) {
                all = true;
            } else if (origin.contains("*")) {
                int star = origin.indexOf('*');
                wildcards.add(new String[] {origin.substring(0, star), origin.substring(star + 1)});
            } else {
                exact.add(origin);
            }
        }
        this.allowAll = all;
    }

    boolean allows(String origin) {
        if (allowAll || exact.contains(origin)) {
            return true;
        }
        for (String[] w : wildcards) {
            if (origin.length() >= w[0].length() + w[1].length() && origin.startsWith(w[0]) && origin.endsWith(w[1])) {
                return true;
            }
        }
        return false;
    }

    /**
     * Applies the policy: adds the response headers it calls for to {@code headers}, and returns
     * the status to end the request with (204 for a preflight, 403 for a refused origin), or 0 to
     * go on.
     */
    int apply(String method, String origin, String host, Map<String, String> headers) {
        if (origin == null || origin.isEmpty()) {
            return 0;
        }
        if (origin.equals("http://" + host) || origin.equals("https://" + host)) {
            return 0; // same origin
        }
        if (!allows(origin)) {
            return 403;
        }
        if (method.equals("OPTIONS")) {
            headers.put("Access-Control-Allow-Methods", ALLOWED_METHODS);
            headers.put("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            headers.put("Access-Control-Max-Age", MAX_AGE);
        }
        if (allowAll) {
            headers.put("Access-Control-Allow-Origin", "*");
        } else {
            headers.put("Access-Control-Allow-Origin", origin);
            headers.put("Vary", "Origin");
        }
        return method.equals("OPTIONS") ? 204 : 0;
    }
}
