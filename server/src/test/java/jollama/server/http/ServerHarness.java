package jollama.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jollama.engine.Model;
import jollama.models.testmodel.TestModelConfig;
import jollama.models.testmodel.TestModelFiles;
import jollama.server.http.catalog.CatalogMessage;
import jollama.server.http.catalog.MapCatalog;
import jollama.server.http.sched.Scheduler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A real server on a free port over the tiny test models, and an HTTP client for it.
 * <ul>
 *   <li>{@code tiny} — the chat model (Qwen3 tokenizer and template, random weights);</li>
 *   <li>{@code tiny-embed} — the embedding model (last-token pooling);</li>
 *   <li>{@code tiny-sys} — the chat model file with a SYSTEM layer, params (num_predict 3,
 *       temperature 0) and a MESSAGE history, as a Modelfile would give it.</li>
 * </ul>
 */
final class ServerHarness implements AutoCloseable {

    static final Pattern CREATED_AT = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?Z");
    static final ObjectMapper JSON = new ObjectMapper();

    final JollamaServer server;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    /** Model loads so far, counted by the opener. */
    final AtomicInteger loads = new AtomicInteger();

    ServerHarness(ServerConfig config) {
        Scheduler.ModelOpener counting = (path, settings) -> {
            loads.incrementAndGet();
            return Model.open(path, settings);
        };
        this.server = JollamaServer.start(config.withBind(new HostPort("127.0.0.1", 0)), catalog(), "0.0.1-test",
                counting);
    }

    ServerHarness() {
        this(ServerConfig.fromEnvironment(Map.of()));
    }

    static Path chatModel() {
        return TestModelFiles.get(TestModelConfig.TINY, "q4_k_m");
    }

    static Path embedModel() {
        return TestModelFiles.get(TestModelConfig.TINY_EMBED, "q8_0");
    }

    private static Path sysCopy;

    /**
     * The chat model under another path, for {@code tiny-sys}: the scheduler keys runners by
     * file (as Ollama does), and the tests want the two names to load and unload independently.
     */
    static synchronized Path chatModelCopy() {
        if (sysCopy == null) {
            try {
                Path dir = Files.createTempDirectory("jollama-http-test");
                sysCopy = Files.copy(chatModel(), dir.resolve("tiny-sys.gguf"));
                sysCopy.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sysCopy;
    }

    static MapCatalog catalog() {
        try {
            return MapCatalog.builder()
                    .add("tiny", chatModel())
                    .add("tiny-embed", embedModel())
                    .add("tiny-sys", chatModelCopy(), null, "You are a terse test model.",
                            Map.of("num_predict", 3, "temperature", 0), List.of(
                                    new CatalogMessage("user", "Hello"), new CatalogMessage("assistant", "Hi!")))
                    .add("tiny-tpl", chatModel(), PromptTemplateTest.TEMPLATE, null, Map.of(), List.of())
                    .build();
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

        /** The NDJSON lines, each parsed. */
        List<JsonNode> lines() {
            List<JsonNode> out = new ArrayList<>();
            for (String line : body.split("\n")) {
                if (line.isEmpty()) {
                    throw new AssertionError("empty line in NDJSON: " + body);
                }
                try {
                    out.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new AssertionError("line is not JSON: " + line, e);
                }
            }
            return out;
        }

        String error() {
            return json().path("error").asText(null);
        }
    }

    Reply post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded") // what curl -d sends
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build());
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

    /** A raw HTTP/1.1 exchange, for what HttpClient will not send (a foreign Host header). */
    String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A streaming POST on a raw socket; the caller reads lines and closes it. */
    StreamingExchange openStream(String path, String body) throws IOException {
        return StreamingExchange.open(server.port(), path, body, 60_000);
    }

    @Override
    public void close() {
        server.close();
    }
}
