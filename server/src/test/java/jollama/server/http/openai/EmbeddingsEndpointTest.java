package jollama.server.http.openai;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /v1/embeddings} over real HTTP (ollama-api.md §3.3), as
 * {@code client.embeddings.create(model=..., input=...)} sends it: the Python SDK asks for
 * base64 unless told otherwise, and decodes it.
 */
class EmbeddingsEndpointTest {

    private static OpenAiHarness h;

    @BeforeAll
    static void start() {
        h = new OpenAiHarness();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void floatsEqualTheNativeEmbeddings() {
        OpenAiHarness.Reply r = h.post("/v1/embeddings",
                "{\"model\":\"tiny-embed\",\"input\":[\"hello world\",\"second text\"],\"encoding_format\":\"float\"}");
        assertEquals(200, r.status(), r.body());
        JsonNode list = r.json();
        assertEquals("list", list.path("object").asText());
        assertEquals("tiny-embed", list.path("model").asText());
        assertEquals(2, list.path("data").size());
        JsonNode nat = h.nativePost("/api/embed", "{\"model\":\"tiny-embed\",\"input\":[\"hello world\",\"second text\"]}");
        for (int i = 0; i < 2; i++) {
            JsonNode item = list.path("data").get(i);
            assertEquals("embedding", item.path("object").asText());
            assertEquals(i, item.path("index").asInt());
            assertEquals(nat.path("embeddings").get(i), item.path("embedding"));
        }
        assertEquals(nat.path("prompt_eval_count").asInt(), list.path("usage").path("prompt_tokens").asInt());
        assertEquals(nat.path("prompt_eval_count").asInt(), list.path("usage").path("total_tokens").asInt());
    }

    @Test
    void pythonSdkBase64DecodesToTheFloats() {
        // client.embeddings.create(model="tiny-embed", input="hello world")
        JsonNode b64 = h.post("/v1/embeddings",
                "{\"input\":\"hello world\",\"model\":\"tiny-embed\",\"encoding_format\":\"base64\"}").json();
        JsonNode floats = h.post("/v1/embeddings", "{\"input\":\"hello world\",\"model\":\"tiny-embed\"}").json()
                .path("data").get(0).path("embedding");
        String text = b64.path("data").get(0).path("embedding").asText();
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(text)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(floats.size() * 4, bytes.remaining());
        for (int i = 0; i < floats.size(); i++) {
            assertEquals((float) floats.get(i).asDouble(), bytes.getFloat(), "element " + i);
        }
        assertEquals("BASE64 works too", h.post("/v1/embeddings",
                "{\"input\":\"x\",\"model\":\"tiny-embed\",\"encoding_format\":\"BASE64\"}").status() == 200
                ? "BASE64 works too" : "no");
    }

    @Test
    void dimensionsCutAndRenormalise() {
        JsonNode v = h.post("/v1/embeddings", "{\"model\":\"tiny-embed\",\"input\":\"hello\",\"dimensions\":8}").json()
                .path("data").get(0).path("embedding");
        assertEquals(8, v.size());
        double norm = 0;
        for (JsonNode x : v) {
            norm += x.asDouble() * x.asDouble();
        }
        assertEquals(1.0, Math.sqrt(norm), 1e-4);
    }

    @Test
    void errors() {
        OpenAiHarness.Reply format = h.post("/v1/embeddings", "{\"model\":\"tiny-embed\",\"input\":\"x\",\"encoding_format\":\"int8\"}");
        assertEquals(400, format.status());
        assertEquals("Invalid value for 'encoding_format' = int8. Supported values: ['float', 'base64'].", format.errorMessage());
        assertEquals("invalid input", h.post("/v1/embeddings", "{\"model\":\"tiny-embed\"}").errorMessage());
        assertEquals("invalid input", h.post("/v1/embeddings", "{\"model\":\"tiny-embed\",\"input\":[]}").errorMessage());
        assertEquals(400, h.post("/v1/embeddings", "{\"model\":\"tiny-embed\",\"input\":[[1,2,3]]}").status());
        OpenAiHarness.Reply missing = h.post("/v1/embeddings", "{\"model\":\"nope\",\"input\":\"x\"}");
        assertEquals(404, missing.status());
        assertEquals("model \"nope\" not found, try pulling it first", missing.errorMessage());
        assertEquals("not_found_error", missing.json().path("error").path("type").asText());
        assertTrue(missing.json().path("error").path("param").isNull());
    }
}
