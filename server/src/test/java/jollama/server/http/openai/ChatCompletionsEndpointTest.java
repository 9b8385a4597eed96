package jollama.server.http.openai;

import com.fasterxml.jackson.databind.JsonNode;
import jollama.engine.Model;
import jollama.engine.chat.ChatMessage;
import jollama.engine.chat.ToolCall;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /v1/chat/completions} over real HTTP (ollama-api.md §3.1), with the bodies and
 * headers the OpenAI Python SDK sends for {@code client.chat.completions.create(...)}.
 */
class ChatCompletionsEndpointTest {

    private static final String TOOLS = """
            [{"type":"function","function":{"name":"get_weather","description":"Get the weather",
            "parameters":{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string"}},
            "required":["city"]}}}]""";

    /** A server whose models unload when idle, so every request's prompt is evaluated whole. */
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
    void pythonSdkChatCreate() {
        // client.chat.completions.create(model="tiny", messages=[{"role":"user","content":"Say this is a test"}], max_tokens=4)
        OpenAiHarness.Reply r = h.post("/v1/chat/completions",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Say this is a test\"}],\"model\":\"tiny\",\"max_tokens\":4}");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        JsonNode c = r.json();
        assertTrue(c.path("id").asText().matches("chatcmpl-\\d{1,3}"), c.path("id").asText());
        assertEquals("chat.completion", c.path("object").asText());
        assertTrue(Math.abs(c.path("created").asLong() - System.currentTimeMillis() / 1000) < 120);
        assertEquals("tiny", c.path("model").asText());
        assertEquals("fp_ollama", c.path("system_fingerprint").asText());
        assertEquals(1, c.path("choices").size());
        JsonNode choice = c.path("choices").get(0);
        assertEquals(0, choice.path("index").asInt());
        assertEquals("assistant", choice.path("message").path("role").asText());
        assertTrue(choice.path("message").path("content").isTextual());
        assertEquals("length", choice.path("finish_reason").asText());
        JsonNode usage = c.path("usage");
        assertEquals(4, usage.path("completion_tokens").asInt());
        assertTrue(usage.path("prompt_tokens").asInt() > 0);
        assertEquals(usage.path("prompt_tokens").asInt() + 4, usage.path("total_tokens").asInt());
    }

    @Test
    void sameReplyAndCountsAsTheNativeApi() {
        JsonNode oai = h.post("/v1/chat/completions", """
                {"model":"tiny","messages":[{"role":"user","content":"Hi there"}],"temperature":0,"max_tokens":6}""")
                .json();
        JsonNode nat = h.nativePost("/api/chat", """
                {"model":"tiny","messages":[{"role":"user","content":"Hi there"}],"stream":false,
                 "options":{"temperature":0,"top_p":1.0,"num_predict":6}}""");
        JsonNode message = oai.path("choices").get(0).path("message");
        assertEquals(nat.path("message").path("content").asText(), message.path("content").asText());
        assertEquals(nat.path("message").path("thinking").asText(""), message.path("reasoning").asText(""));
        assertEquals(nat.path("done_reason").asText(), oai.path("choices").get(0).path("finish_reason").asText());
        assertEquals(nat.path("prompt_eval_count").asInt(), oai.path("usage").path("prompt_tokens").asInt());
        assertEquals(nat.path("eval_count").asInt(), oai.path("usage").path("completion_tokens").asInt());
    }

    @Test
    void streamingChunkOrderWithUsage() {
        String body = """
                {"model":"tiny","messages":[{"role":"user","content":"Count to three"}],"temperature":0,
                 "max_tokens":6,"stream":true,"stream_options":{"include_usage":true}}""";
        OpenAiHarness.Reply r = h.post("/v1/chat/completions", body);
        assertEquals(200, r.status(), r.body());
        assertTrue(r.contentType().startsWith("text/event-stream"), r.contentType());
        List<JsonNode> events = r.events();
        assertEquals("[DONE]", events.getLast().asText());
        JsonNode usageChunk = events.get(events.size() - 2);
        JsonNode finish = events.get(events.size() - 3);
        List<JsonNode> steps = events.subList(0, events.size() - 3);
        assertFalse(steps.isEmpty(), r.body());

        String id = events.getFirst().path("id").asText();
        long created = events.getFirst().path("created").asLong();
        assertTrue(id.startsWith("chatcmpl-"));
        StringBuilder content = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            JsonNode chunk = steps.get(i);
            assertEquals("chat.completion.chunk", chunk.path("object").asText());
            assertEquals(id, chunk.path("id").asText());
            assertEquals(created, chunk.path("created").asLong());
            assertEquals("tiny", chunk.path("model").asText());
            assertEquals("fp_ollama", chunk.path("system_fingerprint").asText());
            assertFalse(chunk.has("usage"));
            JsonNode choice = chunk.path("choices").get(0);
            assertTrue(choice.has("finish_reason") && choice.path("finish_reason").isNull(), chunk.toString());
            JsonNode delta = choice.path("delta");
            assertEquals(i == 0, delta.has("role"), chunk.toString());
            if (i == 0) {
                assertEquals("assistant", delta.path("role").asText());
            }
            content.append(delta.path("content").asText(""));
            reasoning.append(delta.path("reasoning").asText(""));
        }
        assertEquals(id, finish.path("id").asText());
        assertEquals(created, finish.path("created").asLong());
        assertEquals("{}", finish.path("choices").get(0).path("delta").toString());
        assertEquals("length", finish.path("choices").get(0).path("finish_reason").asText());

        assertEquals(id, usageChunk.path("id").asText());
        assertEquals(0, usageChunk.path("choices").size());
        assertTrue(usageChunk.path("choices").isArray());
        assertEquals(6, usageChunk.path("usage").path("completion_tokens").asInt());

        // the same request unstreamed gives the same text and counts
        h.awaitUnloaded();
        JsonNode whole = h.post("/v1/chat/completions", body.replace("\"stream\":true", "\"stream\":false")).json();
        JsonNode message = whole.path("choices").get(0).path("message");
        assertEquals(message.path("content").asText(), content.toString());
        assertEquals(message.path("reasoning").asText(""), reasoning.toString());
        assertEquals(whole.path("usage"), usageChunk.path("usage"));
    }

    @Test
    void streamingWithoutUsageEndsWithFinishThenDone() {
        List<JsonNode> events = h.post("/v1/chat/completions", """
                {"model":"tiny","messages":[{"role":"user","content":"Hi"}],"max_tokens":3,"stream":true}""")
                .events();
        assertEquals("[DONE]", events.getLast().asText());
        JsonNode finish = events.get(events.size() - 2);
        assertEquals("length", finish.path("choices").get(0).path("finish_reason").asText());
        for (JsonNode e : events.subList(0, events.size() - 1)) {
            assertFalse(e.has("usage"), e.toString());
            assertEquals(1, e.path("choices").size());
        }
    }

    @Test
    void toolConversationIsRenderedWithParsedArguments() throws Exception {
        // the second half of a tool round trip: the assistant's call (arguments as a JSON string,
        // content null) and the tool's result, named through tool_call_id
        String body = """
                {"model":"tiny","max_tokens":1,"tools":%s,"messages":[
                 {"role":"developer","content":"Be brief."},
                 {"role":"user","content":[{"type":"text","text":"Weather in Paris?"},{"type":"text","text":"In celsius."}]},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"call_abc12345","type":"function",
                   "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\",\\"unit\\":\\"c\\"}"}}]},
                 {"role":"tool","tool_call_id":"call_abc12345","content":"{\\"temp\\": 21}"}]}""".formatted(TOOLS);
        OpenAiHarness.Reply r = h.post("/v1/chat/completions", body);
        assertEquals(200, r.status(), r.body());

        Map<String, Object> args = new LinkedHashMap<>();
        args.put("city", "Paris");
        args.put("unit", "c");
        List<ChatMessage> expected = List.of(
                ChatMessage.system("Be brief."),
                ChatMessage.user("Weather in Paris?\n\nIn celsius."),
                new ChatMessage("assistant", "", null, List.of(new ToolCall("get_weather", args)), null),
                ChatMessage.tool("get_weather", "{\"temp\": 21}"));
        List<Map<String, Object>> tools = OpenAiHarness.JSON.readValue(TOOLS,
                OpenAiHarness.JSON.getTypeFactory().constructCollectionType(List.class, Map.class));
        int promptTokens;
        try (Model model = Model.open(OpenAiHarness.chatModel())) {
            promptTokens = model.tokenize(model.renderChat(expected, new ArrayList<>(tools), null)).length;
        }
        assertEquals(promptTokens, r.json().path("usage").path("prompt_tokens").asInt(), r.body());
    }

    @Test
    void logprobsPerToken() {
        JsonNode c = h.post("/v1/chat/completions", """
                {"model":"tiny","messages":[{"role":"user","content":"Hi"}],"max_tokens":3,"logprobs":true,
                 "top_logprobs":2,"reasoning_effort":"none"}""").json();
        JsonNode content = c.path("choices").get(0).path("logprobs").path("content");
        assertEquals(3, content.size(), c.toString());
        for (JsonNode t : content) {
            assertTrue(t.path("token").isTextual());
            assertTrue(t.path("logprob").asDouble() <= 0);
            assertEquals(2, t.path("top_logprobs").size());
        }
        JsonNode plain = h.post("/v1/chat/completions", """
                {"model":"tiny","messages":[{"role":"user","content":"Hi"}],"max_tokens":2}""").json();
        assertFalse(plain.path("choices").get(0).has("logprobs"));
    }

    @Test
    void acceptedOptions() {
        // stop as a string, seed, penalties, max_completion_tokens, response_format, reasoning_effort
        OpenAiHarness.Reply r = h.post("/v1/chat/completions", """
                {"model":"tiny","messages":[{"role":"user","content":"Hi"}],"stop":"\\n\\n","seed":7,
                 "frequency_penalty":0.1,"presence_penalty":0.2,"max_completion_tokens":2,"top_p":0.9,
                 "response_format":{"type":"json_object"},"reasoning_effort":"high","tool_choice":"auto",
                 "user":"u","n":1,"logit_bias":{}}""");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().path("usage").path("completion_tokens").asInt() <= 2);
    }

    @Test
    void errorsUseOpenAiErrorObjects() {
        OpenAiHarness.Reply missing = h.post("/v1/chat/completions",
                "{\"model\":\"nope\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        assertEquals(404, missing.status());
        assertTrue(missing.contentType().startsWith("application/json"));
        JsonNode error = missing.json().path("error");
        assertEquals("model 'nope' not found", error.path("message").asText());
        assertEquals("not_found_error", error.path("type").asText());
        assertTrue(error.has("param") && error.path("param").isNull());
        assertTrue(error.has("code") && error.path("code").isNull());

        assertBadRequest("{\"model\":\"tiny\",\"messages\":[]}", "[] is too short - 'messages'");
        assertBadRequest("{\"model\":\"tiny\",", null);
        assertBadRequest("", "missing request body");
        assertBadRequest("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "model is required");
        assertBadRequest("{\"model\":\"tiny-embed\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                "\"tiny-embed\" does not support chat");
        assertBadRequest("{\"model\":\"tiny\",\"reasoning_effort\":\"huge\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                "invalid reasoning value: \"huge\" (must be \"minimal\", \"low\", \"medium\", \"high\", \"xhigh\", \"ultra\", \"max\", or \"none\")");
        assertBadRequest("{\"model\":\"tiny\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", null);
        assertBadRequest("{\"model\":\"tiny\",\"top_logprobs\":21,\"logprobs\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                "top_logprobs must be between 0 and 20");
        assertBadRequest("{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":null}]}",
                "invalid message content type: <nil>");
        assertBadRequest("{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"https://example.com/cat.png\"}}]}]}",
                "image URLs are not currently supported, please use base64 encoded data instead");
        assertBadRequest("{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"video\"}]}]}",
                "invalid message format");
        assertBadRequest("{\"model\":\"tiny\",\"messages\":[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":"
                + "[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{oops\"}}]}]}",
                "invalid tool call arguments");
        assertBadRequest("{\"model\":\"tiny\",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\"}},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", null);
        assertBadRequest("{\"model\":\"tiny\",\"response_format\":{\"type\":\"xml\"},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", null);

        OpenAiHarness.Reply wrongMethod = h.get("/v1/chat/completions");
        assertEquals(405, wrongMethod.status());
    }

    private static void assertBadRequest(String body, String message) {
        OpenAiHarness.Reply r = h.post("/v1/chat/completions", body);
        assertEquals(400, r.status(), r.body());
        JsonNode error = r.json().path("error");
        assertEquals("invalid_request_error", error.path("type").asText(), r.body());
        assertTrue(error.path("message").isTextual() && !error.path("message").asText().isEmpty(), r.body());
        if (message != null) {
            assertEquals(message, error.path("message").asText());
        }
        assertNull(error.path("param").textValue());
    }
}
