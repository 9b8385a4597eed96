package jollama.server.http.manage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jollama.server.http.HostPort;
import jollama.server.http.JollamaServer;
import jollama.server.http.ServerConfig;
import jollama.server.http.StreamingExchange;
import jollama.server.http.catalog.StoreCatalog;
import jollama.server.registry.RegistryClient;
import jollama.server.registry.RegistryOptions;
import jollama.server.store.ModelStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real server on a free port over an Ollama store in a temporary folder, with the management
 * routes on, its registry client pointed at {@code registryBase} (a local registry, or a closed
 * port when a test pulls nothing), and an HTTP client for it.
 */
final class ManageHarness implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final ModelStore store;
    final RegistryClient registry;
    final JollamaServer server;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    ManageHarness(Path root, URI registryBase, boolean noPrune) {
        this.store = new ModelStore(root, noPrune);
        this.registry = new RegistryClient(RegistryOptions.defaults()
                .withBaseUrl(registryBase)
                .withPartSizes(256 * 1024, 1024 * 1024)
                .withRetries(2, Duration.ofMillis(10))
                .withProgressInterval(Duration.ofMillis(20))
                .withCheckpointInterval(Duration.ofMillis(50)));
        this.server = JollamaServer.start(ServerConfig.fromEnvironment(Map.of()).withBind(new HostPort("127.0.0.1", 0)),
                new StoreCatalog(store), "0.0.1-test", new Management(store, registry));
    }

    ManageHarness(Path root, URI registryBase) {
        this(root, registryBase, false);
    }

    /** A registry base URL nobody listens on: a test that pulls by mistake fails fast. */
    static URI nowhere() {
        return URI.create("http://127.0.0.1:9");
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

        List<JsonNode> lines() {
            List<JsonNode> out = new ArrayList<>();
            for (String line : body.split("\n")) {
                try {
                    out.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new AssertionError("line is not JSON: " + line, e);
                }
            }
            return out;
        }

        /** The {@code status} of each line, an error line as {@code error: <message>}. */
        List<String> statuses() {
            List<String> out = new ArrayList<>();
            for (JsonNode line : lines()) {
                out.add(line.has("error") ? "error: " + line.get("error").asText() : line.path("status").asText());
            }
            return out;
        }

        String error() {
            return json().path("error").asText(null);
        }
    }

    Reply post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Reply post(String path, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(base() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    Reply postFile(String path, Path file) {
        try {
            return send(HttpRequest.newBuilder(URI.create(base() + path))
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Reply delete(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base() + path))
                .method("DELETE", HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Reply head(String path) {
        return send(HttpRequest.newBuilder(URI.create(base() + path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
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

    /** A streaming POST on a raw socket; the caller reads lines and closes it. */
    StreamingExchange openStream(String path, String body) throws IOException {
        return StreamingExchange.open(server.port(), path, body, 30_000);
    }

    @Override
    public void close() {
        server.close();
        registry.close();
    }
}
