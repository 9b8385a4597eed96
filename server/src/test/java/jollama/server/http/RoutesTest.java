package jollama.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Transport conventions (§0) and the model listing endpoints (§1.7–§1.9), over real HTTP. */
class RoutesTest {

    private static ServerHarness h;

    @BeforeAll
    static void start() {
        h = new ServerHarness();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void healthCheckAndVersion() {
        ServerHarness.Reply root = h.get("/");
        assertEquals(200, root.status());
        assertEquals("Ollama is running", root.body());
        assertTrue(root.contentType().startsWith("text/plain"), root.contentType());

        ServerHarness.Reply head = h.send(HttpRequest.newBuilder(URI.create(h.base() + "/"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, head.status());
        assertEquals("", head.body());

        ServerHarness.Reply version = h.get("/api/version");
        assertEquals(200, version.status());
        assertEquals("0.0.1-test", version.json().path("version").asText());
        assertTrue(version.contentType().startsWith("application/json"));
    }

    @Test
    void unknownPathIs404TextAndWrongMethodIs405() {
        ServerHarness.Reply missing = h.get("/api/nope");
        assertEquals(404, missing.status());
        assertEquals("404 page not found", missing.body());

        ServerHarness.Reply wrongMethod = h.get("/api/generate");
        assertEquals(405, wrongMethod.status());
        assertEquals("405 method not allowed", wrongMethod.body());

        ServerHarness.Reply postToTags = h.post("/api/tags", "{}");
        assertEquals(405, postToTags.status());
    }

    @Test
    void bodyIsJsonWhateverTheContentTypeAndErrorsAreJson() {
        ServerHarness.Reply empty = h.post("/api/show", "");
        assertEquals(400, empty.status());
        assertEquals("missing request body", empty.error());
        assertTrue(empty.contentType().startsWith("application/json"));

        ServerHarness.Reply malformed = h.post("/api/show", "{\"model\": ");
        assertEquals(400, malformed.status());
        assertFalse(malformed.error().isEmpty());

        ServerHarness.Reply wrongType = h.post("/api/show", "[1,2]");
        assertEquals(400, wrongType.status());

        ServerHarness.Reply wrongFieldType = h.post("/api/generate", "{\"model\":\"tiny\",\"stream\":\"no\"}");
        assertEquals(400, wrongFieldType.status());
    }

    @Test
    void corsPreflightAndOrigins() {
        ServerHarness.Reply preflight = h.send(HttpRequest.newBuilder(URI.create(h.base() + "/api/chat"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST").build());
        assertEquals(204, preflight.status());

        var allowed = sendWithHeaders("/api/version", "http://localhost:3000");
        assertEquals(200, allowed.statusCode());
        assertEquals("http://localhost:3000", allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));

        var app = sendWithHeaders("/api/version", "app://obsidian.md");
        assertEquals(200, app.statusCode());

        var foreign = sendWithHeaders("/api/version", "https://evil.example.com");
        assertEquals(403, foreign.statusCode());

        var noOrigin = sendWithHeaders("/api/version", null);
        assertEquals(200, noOrigin.statusCode());
        assertTrue(noOrigin.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    @Test
    void preflightHeadersListTheAllowedMethodsAndHeaders() throws Exception {
        var r = h.client.send(HttpRequest.newBuilder(URI.create(h.base() + "/api/chat"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "http://127.0.0.1:8080")
                        .header("Access-Control-Request-Method", "POST").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(204, r.statusCode());
        assertTrue(r.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("x-stainless-os"));
        assertTrue(r.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
    }

    private java.net.http.HttpResponse<String> sendWithHeaders(String path, String origin) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(h.base() + path)).GET();
            if (origin != null) {
                b.header("Origin", origin);
            }
            return h.client.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void hostGuardRefusesForeignHostsOnLoopback() throws Exception {
        String evil = h.raw("GET /api/version HTTP/1.1\r\nHost: evil.example.com\r\nConnection: close\r\n\r\n");
        assertTrue(evil.startsWith("HTTP/1.1 403"), evil);

        for (String host : new String[] {"localhost:11434", "127.0.0.1", "myhost.local", "box.internal", "10.1.2.3",
                "192.168.0.5:80", "[::1]:11434"}) {
            String ok = h.raw("GET /api/version HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            assertTrue(ok.startsWith("HTTP/1.1 200"), host + ": " + ok);
        }
    }

    @Test
    void tagsListsTheCatalog() {
        ServerHarness.Reply tags = h.get("/api/tags");
        assertEquals(200, tags.status());
        JsonNode models = tags.json().path("models");
        assertTrue(models.isArray());
        Set<String> names = new HashSet<>();
        for (JsonNode m : models) {
            names.add(m.path("name").asText());
            assertEquals(m.path("name").asText(), m.path("model").asText());
            assertTrue(m.path("size").asLong() > 0);
            assertEquals(64, m.path("digest").asText().length());
            assertTrue(m.path("modified_at").asText().matches("\\d{4}-.*T.*(Z|[+-]\\d\\d:\\d\\d)"));
            assertEquals("gguf", m.path("details").path("format").asText());
            assertEquals("qwen3", m.path("details").path("family").asText());
        }
        assertEquals(Set.of("tiny:latest", "tiny-embed:latest", "tiny-sys:latest", "tiny-tpl:latest"), names);

        ServerHarness.Reply head = h.send(HttpRequest.newBuilder(URI.create(h.base() + "/api/tags"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, head.status());
    }

    @Test
    void showDescribesAModel() {
        ServerHarness.Reply show = h.post("/api/show", "{\"model\":\"tiny-sys\"}");
        assertEquals(200, show.status(), show.body());
        JsonNode s = show.json();
        assertEquals("qwen3", s.path("model_info").path("general.architecture").asText());
        assertFalse(s.path("model_info").has("general.name"));
        assertFalse(s.path("model_info").has("tokenizer.chat_template"));
        // the vocabulary is too long to show without verbose
        assertEquals(0, s.path("model_info").path("tokenizer.ggml.tokens").size());
        assertTrue(s.path("modelfile").asText().startsWith("# Modelfile generated by \"ollama show\"\n"
                + "# To build a new Modelfile based on this, replace FROM with:\n# FROM tiny-sys:latest\n\nFROM "));
        assertTrue(s.path("modelfile").asText().contains("\nSYSTEM You are a terse test model.\n"));
        assertTrue(s.path("parameters").asText().contains("num_predict                    3"), s.path("parameters").asText());
        assertEquals("You are a terse test model.", s.path("system").asText());
        assertEquals("completion", s.path("capabilities").get(0).asText());
        assertEquals("user", s.path("messages").get(0).path("role").asText());
        assertTrue(s.path("tensors").size() > 0);

        ServerHarness.Reply verbose = h.post("/api/show", "{\"name\":\"tiny\",\"verbose\":true}");
        assertEquals(200, verbose.status());
        assertTrue(verbose.json().path("model_info").path("tokenizer.ggml.tokens").size() > 1000);

        JsonNode embed = h.post("/api/show", "{\"model\":\"tiny-embed\"}").json();
        assertEquals("embedding", embed.path("capabilities").get(0).asText());
    }

    @Test
    void showErrors() {
        ServerHarness.Reply missing = h.post("/api/show", "{\"model\":\"foo\"}");
        assertEquals(404, missing.status());
        assertEquals("model 'foo:latest' not found", missing.error());

        ServerHarness.Reply noName = h.post("/api/show", "{}");
        assertEquals(400, noName.status());
        assertEquals("model is required", noName.error());

        ServerHarness.Reply invalid = h.post("/api/show", "{\"model\":\"a//b\"}");
        assertEquals(400, invalid.status());
        assertEquals("invalid model name", invalid.error());
    }

    @Test
    void fieldNamesAreCaseInsensitive() {
        ServerHarness.Reply show = h.post("/api/show", "{\"Model\":\"tiny\"}");
        assertEquals(200, show.status(), show.body());
        assertNull(show.error());
    }
}
