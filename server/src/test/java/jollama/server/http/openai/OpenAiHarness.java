package jollama.server.http.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jollama.models.testmodel.TestModelConfig;
import jollama.models.testmodel.TestModelFiles;
import jollama.server.http.HostPort;
import jollama.server.http.JollamaServer;
import jollama.server.http.ServerConfig;
import jollama.server.http.catalog.MapCatalog;
import jollama.server.http.sched.KeepAlive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real server on a free port over the tiny test models ({@code tiny}: Qwen3 tokenizer and
 * template with random weights; {@code tiny-embed}), and an HTTP client that sends what the
 * OpenAI Python SDK sends.
 */
final class OpenAiHarness implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The headers of {@code OpenAI(base_url="http://localhost:11434/v1", api_key="ollama")} requests. */
    static final String[] PYTHON_SDK_HEADERS = {
            "Content-Type", "application/json",
            "Accept", "application/json",
            "Authorization", "Bearer ollama",
            "User-Agent", "OpenAI/Python 1.82.0",
            "X-Stainless-Lang", "python",
            "X-Stainless-Package-Version", "1.82.0",
            "X-Stainless-OS", "Linux",
            "X-Stainless-Arch", "x64",
            "X-Stainless-Runtime", "CPython",
            "X-Stainless-Runtime-Version", "3.11.7",
            "X-Stainless-Async", "false",
            "X-Stainless-Retry-Count", "0",
            "X-Stainless-Read-Timeout", "600",
    };

    final JollamaServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    OpenAiHarness() {
        this(ServerConfig.fromEnvironment(Map.of()));
    }

    /** @param config its bind address is replaced by a free loopback port */
    OpenAiHarness(ServerConfig config) {
        this.server = JollamaServer.start(config.withBind(new HostPort("127.0.0.1", 0)), catalog(), "0.0.1-test");
    }

    /**
     * A server that unloads every model as soon as it is idle: each request starts from an empty
     * prompt cache, so its {@code prompt_eval_count} is the whole prompt and replies can be compared.
     */
    static OpenAiHarness fresh() {
        return new OpenAiHarness(ServerConfig.fromEnvironment(Map.of()).withKeepAlive(KeepAlive.ZERO));
    }

    static Path chatModel() {
        return TestModelFiles.get(TestModelConfig.TINY, "q4_k_m");
    }

    static Path embedModel() {
        return TestModelFiles.get(TestModelConfig.TINY_EMBED, "q8_0");
    }

    static MapCatalog catalog() {
        try {
            return MapCatalog.builder().add("tiny", chatModel()).add("tiny-embed", embedModel()).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    record Reply(int status, String contentType, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** The OpenAI error object's message. */
        String errorMessage() {
            return json().path("error").path("message").asText(null);
        }

        /**
         * The SSE events' data, checking the framing on the way: every event is exactly
         * {@code data: <payload>\n\n}; {@code [DONE]} is returned as the text node "[DONE]".
         */
        List<JsonNode> events() {
            if (!body.endsWith("\n\n")) {
                throw new AssertionError("an SSE body ends with a blank line: " + body);
            }
            List<JsonNode> out = new ArrayList<>();
            for (String event : body.substring(0, body.length() - 2).split("\n\n", -1)) {
                if (!event.startsWith("data: ") || event.contains("\n")) {
                    throw new AssertionError("not a single data line: [" + event + "] in " + body);
                }
                String data = event.substring("data: ".length());
                if (data.equals("[DONE]")) {
                    out.add(JSON.getNodeFactory().textNode("[DONE]"));
                    continue;
                }
                try {
                    out.add(JSON.readTree(data));
                } catch (IOException e) {
                    throw new AssertionError("event data is not JSON: " + data, e);
                }
            }
            return out;
        }
    }

    /** A POST as the OpenAI Python SDK makes it. */
    Reply post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).headers(PYTHON_SDK_HEADERS)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).headers(PYTHON_SDK_HEADERS).GET().build());
    }

    Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A native {@code /api/...} POST, for comparing the two APIs. */
    JsonNode nativePost(String path, String body) {
        Reply r = send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (r.status() != 200) {
            throw new AssertionError(path + " -> " + r.status() + " " + r.body());
        }
        return r.json();
    }

    /**
     * Waits until no model is loaded. A streamed reply reaches the client before its request
     * releases the model, so a test that needs a cold cache waits for the unload.
     */
    void awaitUnloaded() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (get("/api/ps").json().path("models").size() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a model is still loaded: " + get("/api/ps").body());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
