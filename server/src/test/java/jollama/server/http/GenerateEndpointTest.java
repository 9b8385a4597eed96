package jollama.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /api/generate} (§1.2): shapes, streaming framing and the error catalogue. */
class GenerateEndpointTest {

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
    void emptyPromptLoadsTheModel() {
        ServerHarness.Reply r = h.post("/api/generate", "{\"model\":\"tiny\"}");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/json"));
        JsonNode j = r.json();
        assertEquals("tiny", j.path("model").asText());
        assertEquals("", j.path("response").asText());
        assertTrue(j.path("done").asBoolean());
        assertEquals("load", j.path("done_reason").asText());
        assertTrue(ServerHarness.CREATED_AT.matcher(j.path("created_at").asText()).matches(), j.toString());
    }

    @Test
    void streamsNdjsonEndingWithMetricsAndContext() {
        ServerHarness.Reply r = h.post("/api/generate",
                "{\"model\":\"tiny\",\"prompt\":\"Why is the sky blue?\",\"options\":{\"num_predict\":5,\"temperature\":0}}");
        assertEquals(200, r.status(), r.body());
        assertEquals("application/x-ndjson", r.contentType());
        assertTrue(r.body().endsWith("\n"));
        List<JsonNode> lines = r.lines();
        JsonNode last = lines.getLast();
        for (JsonNode line : lines.subList(0, lines.size() - 1)) {
            assertFalse(line.path("done").asBoolean());
            assertEquals("tiny", line.path("model").asText());
            assertTrue(line.has("response"));
            assertFalse(line.path("response").asText().isEmpty(), "no empty deltas");
            assertTrue(ServerHarness.CREATED_AT.matcher(line.path("created_at").asText()).matches());
        }
        assertTrue(last.path("done").asBoolean());
        assertEquals("length", last.path("done_reason").asText());
        assertEquals(5, last.path("eval_count").asInt());
        assertTrue(last.path("prompt_eval_count").asInt() > 0);
        for (String metric : List.of("total_duration", "load_duration", "prompt_eval_duration", "eval_duration")) {
            assertTrue(last.path(metric).asLong() > 0, metric + " in " + last);
        }
        assertTrue(last.path("context").isArray() && last.path("context").size() > 5);
    }

    @Test
    void nonStreamingIsOneObjectWithTheWholeText() {
        String body = "{\"model\":\"tiny\",\"prompt\":\"Count to three\",\"stream\":false,"
                + "\"options\":{\"num_predict\":6,\"temperature\":0,\"seed\":1}}";
        ServerHarness.Reply r = h.post("/api/generate", body);
        assertEquals(200, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/json"));
        JsonNode j = r.json();
        assertTrue(j.path("done").asBoolean());
        assertEquals(6, j.path("eval_count").asInt());

        // the same request streamed gives the same text, split into pieces
        ServerHarness.Reply streamed = h.post("/api/generate", body.replace("\"stream\":false,", ""));
        StringBuilder text = new StringBuilder();
        for (JsonNode line : streamed.lines()) {
            text.append(line.path("response").asText());
        }
        assertEquals(j.path("response").asText(), text.toString());
    }

    @Test
    void rawModeHasNoContextAndRefusesTemplateOptions() {
        JsonNode raw = h.post("/api/generate", "{\"model\":\"tiny\",\"prompt\":\"<|im_start|>user\\nhi<|im_end|>\\n\","
                + "\"raw\":true,\"stream\":false,\"options\":{\"num_predict\":2}}").json();
        assertTrue(raw.path("done").asBoolean());
        assertFalse(raw.has("context"));

        ServerHarness.Reply bad = h.post("/api/generate",
                "{\"model\":\"tiny\",\"prompt\":\"x\",\"raw\":true,\"system\":\"s\"}");
        assertEquals(400, bad.status());
        assertEquals("raw mode does not support template, system, or context", bad.error());
    }

    @Test
    void contextContinuesAConversation() {
        JsonNode first = h.post("/api/generate", "{\"model\":\"tiny\",\"prompt\":\"One\",\"stream\":false,"
                + "\"options\":{\"num_predict\":2,\"temperature\":0}}").json();
        JsonNode context = first.path("context");
        JsonNode second = h.post("/api/generate", "{\"model\":\"tiny\",\"prompt\":\"Two\",\"stream\":false,"
                + "\"context\":" + context + ",\"options\":{\"num_predict\":2,\"temperature\":0}}").json();
        assertTrue(second.path("context").size() > context.size(), second.toString());
    }

    @Test
    void logprobsArePerToken() {
        JsonNode j = h.post("/api/generate", "{\"model\":\"tiny\",\"prompt\":\"Hi\",\"stream\":false,"
                + "\"logprobs\":true,\"top_logprobs\":3,\"options\":{\"num_predict\":3,\"temperature\":0}}").json();
        JsonNode lp = j.path("logprobs");
        assertEquals(3, lp.size(), j.toString());
        JsonNode first = lp.get(0);
        assertTrue(first.path("logprob").asDouble() <= 0);
        assertNotNull(first.path("token").asText(null));
        assertTrue(first.path("bytes").isArray());
        assertEquals(3, first.path("top_logprobs").size());

        ServerHarness.Reply tooMany = h.post("/api/generate", "{\"model\":\"tiny\",\"prompt\":\"Hi\",\"top_logprobs\":21}");
        assertEquals(400, tooMany.status());
        assertEquals("top_logprobs must be between 0 and 20", tooMany.error());
    }

    @Test
    void modelParamsLayerIsUnderTheRequestOptions() {
        // tiny-sys has PARAMETER num_predict 3
        JsonNode fromLayer = h.post("/api/generate", "{\"model\":\"tiny-sys\",\"prompt\":\"Hi\",\"stream\":false}").json();
        assertEquals(3, fromLayer.path("eval_count").asInt(), fromLayer.toString());
        JsonNode overridden = h.post("/api/generate",
                "{\"model\":\"tiny-sys\",\"prompt\":\"Hi\",\"stream\":false,\"options\":{\"num_predict\":1}}").json();
        assertEquals(1, overridden.path("eval_count").asInt());
    }

    @Test
    void errorCatalogue() {
        ServerHarness.Reply unknown = h.post("/api/generate", "{\"model\":\"nope\",\"prompt\":\"x\"}");
        assertEquals(404, unknown.status());
        assertEquals("model 'nope' not found", unknown.error());

        ServerHarness.Reply empty = h.post("/api/generate", "{\"prompt\":\"x\"}");
        assertEquals(404, empty.status());
        assertEquals("model '' not found", empty.error());

        ServerHarness.Reply invalid = h.post("/api/generate", "{\"model\":\"bad//name\",\"prompt\":\"x\"}");
        assertEquals(400, invalid.status());
        assertEquals("invalid model name", invalid.error());

        ServerHarness.Reply noBody = h.post("/api/generate", "");
        assertEquals(400, noBody.status());
        assertEquals("missing request body", noBody.error());

        ServerHarness.Reply malformed = h.post("/api/generate", "{model:tiny}");
        assertEquals(400, malformed.status());

        ServerHarness.Reply wrongOption = h.post("/api/generate",
                "{\"model\":\"tiny\",\"prompt\":\"x\",\"options\":{\"temperature\":\"hot\"}}");
        assertEquals(500, wrongOption.status());
        assertEquals("option \"temperature\" must be of type float32", wrongOption.error());

        ServerHarness.Reply embedding = h.post("/api/generate", "{\"model\":\"tiny-embed\",\"prompt\":\"x\"}");
        assertEquals(400, embedding.status());
        assertEquals("\"tiny-embed\" does not support generate", embedding.error());

        ServerHarness.Reply badKeepAlive = h.post("/api/generate", "{\"model\":\"tiny\",\"keep_alive\":\"3600\"}");
        assertEquals(400, badKeepAlive.status());
        assertEquals("time: missing unit in duration \"3600\"", badKeepAlive.error());

        ServerHarness.Reply wrongKeepAliveType = h.post("/api/generate", "{\"model\":\"tiny\",\"keep_alive\":true}");
        assertEquals(400, wrongKeepAliveType.status());
        assertEquals("Unsupported type: 'bool'", wrongKeepAliveType.error());

        ServerHarness.Reply badThink = h.post("/api/generate", "{\"model\":\"tiny\",\"think\":\"lots\"}");
        assertEquals(400, badThink.status());
        assertTrue(badThink.error().startsWith("invalid think value: \"lots\""));

        ServerHarness.Reply suffix = h.post("/api/generate", "{\"model\":\"tiny\",\"prompt\":\"a\",\"suffix\":\"b\"}");
        assertEquals(400, suffix.status());
        assertEquals("registry.ollama.ai/library/tiny:latest does not support insert", suffix.error());

        ServerHarness.Reply tooLong = h.post("/api/generate", "{\"model\":\"tiny\",\"prompt\":\"" + "word ".repeat(300)
                + "\",\"raw\":true,\"options\":{\"num_ctx\":64}}");
        assertEquals(400, tooLong.status(), tooLong.body());
        assertEquals("the input length exceeds the context length", tooLong.error());
    }

    @Test
    void unloadWithKeepAliveZero() {
        h.post("/api/generate", "{\"model\":\"tiny-sys\"}");
        assertTrue(h.get("/api/ps").body().contains("tiny-sys:latest"));
        ServerHarness.Reply r = h.post("/api/generate", "{\"model\":\"tiny-sys\",\"keep_alive\":0}");
        assertEquals(200, r.status());
        assertEquals("unload", r.json().path("done_reason").asText());
        assertTrue(r.json().path("done").asBoolean());
        assertFalse(h.get("/api/ps").body().contains("tiny-sys:latest"));
    }
}
