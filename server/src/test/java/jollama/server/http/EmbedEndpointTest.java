package jollama.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /api/embed} (§1.5) and {@code POST /api/embeddings} (§1.6). */
class EmbedEndpointTest {

    private static ServerHarness h;

    @BeforeAll
    static void start() {
        h = new ServerHarness();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static double norm(JsonNode v) {
        double sum = 0;
        for (JsonNode x : v) {
            sum += x.asDouble() * x.asDouble();
        }
        return Math.sqrt(sum);
    }

    /** llama.cpp's golden embeddings of the same model (embed-q8_0.json), through the HTTP API. */
    @Test
    void embeddingsMatchTheGoldenOnes() throws java.io.IOException {
        JsonNode cases;
        try (java.io.InputStream in = EmbedEndpointTest.class.getResourceAsStream("/golden/embed-q8_0.json")) {
            cases = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
        }
        assertEquals(5, cases.size());
        for (JsonNode c : cases) {
            String text = c.get("text").asText();
            JsonNode reply = h.post("/api/embed", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                    .put("model", "tiny-embed").put("input", text).toString()).json();
            assertEquals(c.get("ids").size(), reply.path("prompt_eval_count").asInt(), "tokens of '" + text + "'");
            JsonNode ours = reply.path("embeddings").get(0);
            JsonNode exact = c.get("exact_embedding");
            assertEquals(exact.size(), ours.size());
            double dot = 0;
            double a = 0;
            double b = 0;
            for (int i = 0; i < exact.size(); i++) {
                dot += ours.get(i).asDouble() * exact.get(i).asDouble();
                a += ours.get(i).asDouble() * ours.get(i).asDouble();
                b += exact.get(i).asDouble() * exact.get(i).asDouble();
            }
            double cosine = dot / Math.sqrt(a * b);
            assertTrue(cosine >= 0.99999, "cosine " + cosine + " for '" + text + "'");
        }
    }

    @Test
    void embedsInputsInOrderAsUnitVectors() {
        ServerHarness.Reply r = h.post("/api/embed", "{\"model\":\"tiny-embed\",\"input\":[\"first text\",\"second\"]}");
        assertEquals(200, r.status(), r.body());
        JsonNode j = r.json();
        assertEquals("tiny-embed", j.path("model").asText());
        JsonNode e = j.path("embeddings");
        assertEquals(2, e.size());
        assertEquals(256, e.get(0).size());
        assertEquals(1.0, norm(e.get(0)), 1e-4);
        assertTrue(j.path("prompt_eval_count").asInt() >= 3);
        assertTrue(j.path("total_duration").asLong() > 0);

        JsonNode single = h.post("/api/embed", "{\"model\":\"tiny-embed\",\"input\":\"second\"}").json();
        JsonNode s = single.path("embeddings").get(0);
        for (int i = 0; i < 256; i++) {
            assertEquals(e.get(1).get(i).asDouble(), s.get(i).asDouble(), 1e-6);
        }
    }

    @Test
    void dimensionsCutAndRenormalise() {
        JsonNode j = h.post("/api/embed", "{\"model\":\"tiny-embed\",\"input\":\"x y z\",\"dimensions\":16}").json();
        JsonNode v = j.path("embeddings").get(0);
        assertEquals(16, v.size());
        assertEquals(1.0, norm(v), 1e-4);
    }

    @Test
    void emptyInputLoadsTheModel() {
        ServerHarness.Reply r = h.post("/api/embed", "{\"model\":\"tiny-embed\"}");
        assertEquals(200, r.status());
        assertEquals("{\"model\":\"tiny-embed\",\"embeddings\":[]}", r.body());
    }

    @Test
    void chatModelsEmbedToo() {
        ServerHarness.Reply r = h.post("/api/embed", "{\"model\":\"tiny\",\"input\":\"hello\"}");
        assertEquals(200, r.status(), r.body());
        assertEquals(1.0, norm(r.json().path("embeddings").get(0)), 1e-4);
    }

    @Test
    void truncation() {
        String longText = "lorem ipsum dolor ".repeat(100);
        ServerHarness.Reply cut = h.post("/api/embed", "{\"model\":\"tiny-embed\",\"input\":\"" + longText
                + "\",\"options\":{\"num_ctx\":32}}");
        assertEquals(200, cut.status(), cut.body());
        assertTrue(cut.json().path("prompt_eval_count").asInt() <= 32);

        ServerHarness.Reply refused = h.post("/api/embed", "{\"model\":\"tiny-embed\",\"input\":\"" + longText
                + "\",\"truncate\":false,\"options\":{\"num_ctx\":32}}");
        assertEquals(400, refused.status());
        assertEquals("the input length exceeds the context length", refused.error());
    }

    @Test
    void embedErrors() {
        ServerHarness.Reply missing = h.post("/api/embed", "{\"model\":\"nope\",\"input\":\"x\"}");
        assertEquals(404, missing.status());
        assertEquals("model \"nope\" not found, try pulling it first", missing.error());

        ServerHarness.Reply empty = h.post("/api/embed", "{\"input\":\"x\"}");
        assertEquals(404, empty.status());
        assertEquals("model '' not found", empty.error());

        ServerHarness.Reply badInput = h.post("/api/embed", "{\"model\":\"tiny-embed\",\"input\":[\"a\",1]}");
        assertEquals(400, badInput.status());
        assertEquals("invalid input type", badInput.error());

        ServerHarness.Reply badType = h.post("/api/embed", "{\"model\":\"tiny-embed\",\"input\":{}}");
        assertEquals(400, badType.status());
        assertEquals("invalid input type", badType.error());
    }

    @Test
    void legacyEmbeddings() {
        ServerHarness.Reply r = h.post("/api/embeddings", "{\"model\":\"tiny-embed\",\"prompt\":\"hello\"}");
        assertEquals(200, r.status(), r.body());
        JsonNode v = r.json().path("embedding");
        assertEquals(256, v.size());
        assertFalse(r.json().has("model"));

        assertEquals("{\"embedding\":[]}", h.post("/api/embeddings", "{\"model\":\"tiny-embed\"}").body());

        ServerHarness.Reply noModel = h.post("/api/embeddings", "{\"prompt\":\"x\"}");
        assertEquals(400, noModel.status());
        assertEquals("model is required", noModel.error());

        ServerHarness.Reply missing = h.post("/api/embeddings", "{\"model\":\"nope\",\"prompt\":\"x\"}");
        assertEquals(404, missing.status());
        assertEquals("model \"nope\" not found, try pulling it first", missing.error());
    }
}
