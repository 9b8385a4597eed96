package jollama.server.http.openai;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /v1/completions} over real HTTP (ollama-api.md §3.2). */
class CompletionsEndpointTest {

    private static OpenAiHarness h;

    @BeforeAll
    static void start() {
        h = OpenAiHarness.fresh();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void wholeCompletionMatchesTheNativeGenerate() {
        OpenAiHarness.Reply r = h.post("/v1/completions", """
                {"model":"tiny","prompt":"Once upon a time","max_tokens":5,"temperature":0}""");
        assertEquals(200, r.status(), r.body());
        JsonNode c = r.json();
        assertTrue(c.path("id").asText().matches("cmpl-\\d{1,3}"), c.toString());
        assertEquals("text_completion", c.path("object").asText());
        assertEquals("tiny", c.path("model").asText());
        assertEquals("fp_ollama", c.path("system_fingerprint").asText());
        JsonNode choice = c.path("choices").get(0);
        assertEquals(0, choice.path("index").asInt());
        assertEquals("length", choice.path("finish_reason").asText());
        assertTrue(choice.has("logprobs") && choice.path("logprobs").isNull());

        JsonNode nat = h.nativePost("/api/generate", """
                {"model":"tiny","prompt":"Once upon a time","stream":false,
                 "options":{"num_predict":5,"temperature":0,"top_p":1.0,"frequency_penalty":0,"presence_penalty":0}}""");
        assertEquals(nat.path("response").asText(), choice.path("text").asText());
        assertEquals(nat.path("prompt_eval_count").asInt(), c.path("usage").path("prompt_tokens").asInt());
        assertEquals(5, c.path("usage").path("completion_tokens").asInt());
        assertEquals(c.path("usage").path("prompt_tokens").asInt() + 5, c.path("usage").path("total_tokens").asInt());
    }

    @Test
    void streamedChunksThenFinishThenUsageThenDone() {
        OpenAiHarness.Reply r = h.post("/v1/completions", """
                {"model":"tiny","prompt":["Once upon a time"],"max_tokens":4,"temperature":0,"stream":true,
                 "stream_options":{"include_usage":true}}""");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.contentType().startsWith("text/event-stream"));
        List<JsonNode> events = r.events();
        assertEquals("[DONE]", events.getLast().asText());
        JsonNode usage = events.get(events.size() - 2);
        JsonNode finish = events.get(events.size() - 3);
        assertEquals(0, usage.path("choices").size());
        assertEquals(4, usage.path("usage").path("completion_tokens").asInt());
        assertEquals("", finish.path("choices").get(0).path("text").asText());
        assertEquals("length", finish.path("choices").get(0).path("finish_reason").asText());
        String id = events.getFirst().path("id").asText();
        StringBuilder text = new StringBuilder();
        for (JsonNode e : events.subList(0, events.size() - 3)) {
            assertEquals("text_completion", e.path("object").asText());
            assertEquals(id, e.path("id").asText());
            assertTrue(e.path("choices").get(0).path("finish_reason").isNull());
            assertFalse(e.has("usage"));
            text.append(e.path("choices").get(0).path("text").asText());
        }
        h.awaitUnloaded();
        JsonNode whole = h.post("/v1/completions", """
                {"model":"tiny","prompt":"Once upon a time","max_tokens":4,"temperature":0}""").json();
        assertEquals(whole.path("choices").get(0).path("text").asText(), text.toString());
    }

    @Test
    void echoAndLogprobs() {
        JsonNode c = h.post("/v1/completions", """
                {"model":"tiny","prompt":"Hello","max_tokens":3,"echo":true,"logprobs":2}""").json();
        JsonNode choice = c.path("choices").get(0);
        assertTrue(choice.path("text").asText().startsWith("Hello"), c.toString());
        JsonNode lp = choice.path("logprobs");
        assertEquals(3, lp.path("tokens").size(), c.toString());
        assertEquals(3, lp.path("token_logprobs").size());
        assertEquals(3, lp.path("top_logprobs").size());
        assertTrue(lp.path("top_logprobs").get(0).size() <= 2 && lp.path("top_logprobs").get(0).size() >= 1);
        assertEquals(5, lp.path("text_offset").get(0).asInt()); // after the echoed prompt
    }

    @Test
    void errors() {
        OpenAiHarness.Reply stop = h.post("/v1/completions", "{\"model\":\"tiny\",\"prompt\":\"x\",\"stop\":[\"a\",1]}");
        assertEquals(400, stop.status());
        assertEquals("invalid type for 'stop' field: float64", stop.errorMessage());
        assertEquals("invalid_request_error", stop.json().path("error").path("type").asText());

        OpenAiHarness.Reply missing = h.post("/v1/completions", "{\"model\":\"nope\",\"prompt\":\"x\"}");
        assertEquals(404, missing.status());
        assertEquals("model 'nope' not found", missing.errorMessage());

        OpenAiHarness.Reply tokens = h.post("/v1/completions", "{\"model\":\"tiny\",\"prompt\":[1,2,3]}");
        assertEquals(400, tokens.status());
        OpenAiHarness.Reply n = h.post("/v1/completions", "{\"model\":\"tiny\",\"prompt\":\"x\",\"n\":2}");
        assertEquals(400, n.status());
    }
}
