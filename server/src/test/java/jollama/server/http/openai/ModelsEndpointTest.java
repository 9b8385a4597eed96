package jollama.server.http.openai;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** {@code GET /v1/models} and {@code GET /v1/models/{model}} (ollama-api.md §3.4). */
class ModelsEndpointTest {

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
    void listsEveryModel() throws Exception {
        OpenAiHarness.Reply r = h.get("/v1/models");
        assertEquals(200, r.status(), r.body());
        JsonNode list = r.json();
        assertEquals("list", list.path("object").asText());
        JsonNode tiny = null;
        for (JsonNode m : list.path("data")) {
            assertEquals("model", m.path("object").asText());
            assertEquals("library", m.path("owned_by").asText());
            if (m.path("id").asText().equals("tiny:latest")) {
                tiny = m;
            }
        }
        assertNotNull(tiny, r.body());
        assertEquals(2, list.path("data").size());
        long mtime = Files.getLastModifiedTime(OpenAiHarness.chatModel()).toInstant().getEpochSecond();
        assertEquals(mtime, tiny.path("created").asLong());
    }

    @Test
    void retrievesOneEchoingTheId() {
        JsonNode m = h.get("/v1/models/tiny").json();
        assertEquals("tiny", m.path("id").asText());
        assertEquals("model", m.path("object").asText());
        assertEquals("library", m.path("owned_by").asText());
        assertEquals("tiny-embed:latest", h.get("/v1/models/tiny-embed:latest").json().path("id").asText());

        OpenAiHarness.Reply missing = h.get("/v1/models/nope");
        assertEquals(404, missing.status());
        assertEquals("not_found_error", missing.json().path("error").path("type").asText());
        assertEquals("model 'nope:latest' not found", missing.errorMessage());
    }
}
