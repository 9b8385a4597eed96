package jollama.server.http.openai;

import com.fasterxml.jackson.databind.JsonNode;
import jollama.engine.parse.ParseEvent;
import jollama.server.http.Json;
import jollama.server.http.ReplyDelta;
import jollama.server.http.api.ApiMessage;
import jollama.server.http.api.ChatRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /v1/responses}, stateless (ollama-api.md §3.5): scripted event order, then real HTTP. */
class ResponsesTest {

    private static final Json JSON = new Json();
    private static OpenAiHarness h;

    @BeforeAll
    static void start() {
        h = OpenAiHarness.fresh();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static JsonNode tree(Object o) {
        return JSON.mapper().valueToTree(o);
    }

    private static ResponseObject.Echo echo() {
        return new ResponseObject.Echo("qwen3", null, null, 1.0, 1.0, null, List.of(), Map.of());
    }

    @Test
    void scriptedStreamEventOrder() {
        ResponseEvents events = new ResponseEvents("resp_1", 5L, echo());
        List<ResponseStreamEvent> all = new ArrayList<>(events.start());
        all.addAll(events.step(ReplyDelta.of(List.of(new ParseEvent.Thinking("Let me")))));
        all.addAll(events.step(ReplyDelta.of(List.of(new ParseEvent.Thinking(" think"), new ParseEvent.Content("Hi")))));
        all.addAll(events.step(ReplyDelta.of(List.of(new ParseEvent.Content(" there")))));
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("city", "Paris");
        all.addAll(events.step(ReplyDelta.of(List.of(new ParseEvent.ToolCall("call_abcd1234", 0, "get_weather", args)))));
        all.addAll(events.end(new Usage(7, 5, 12)));

        assertEquals(List.of("response.created", "response.in_progress",
                "response.output_item.added", "response.reasoning_summary_text.delta",
                "response.reasoning_summary_text.delta", "response.reasoning_summary_text.done", "response.output_item.done",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done",
                "response.completed"), all.stream().map(ResponseStreamEvent::type).toList());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i, all.get(i).sequenceNumber());
            assertEquals(all.get(i).type(), tree(all.get(i)).path("type").asText());
        }
        assertEquals("in_progress", tree(all.getFirst()).path("response").path("status").asText());
        JsonNode done = tree(all.getLast()).path("response");
        assertEquals("completed", done.path("status").asText());
        assertEquals("resp_1", done.path("id").asText());
        assertEquals(3, done.path("output").size());
        assertEquals("reasoning", done.path("output").get(0).path("type").asText());
        assertEquals("Let me think", done.path("output").get(0).path("summary").get(0).path("text").asText());
        assertEquals("Let me think", done.path("output").get(0).path("encrypted_content").asText());
        assertEquals("Hi there", done.path("output").get(1).path("content").get(0).path("text").asText());
        JsonNode call = done.path("output").get(2);
        assertEquals("function_call", call.path("type").asText());
        assertEquals("call_abcd1234", call.path("call_id").asText());
        assertEquals("fc_abcd1234", call.path("id").asText());
        assertEquals("{\"city\":\"Paris\"}", call.path("arguments").asText());
        assertEquals(12, done.path("usage").path("total_tokens").asInt());
        assertEquals(0, done.path("usage").path("input_tokens_details").path("cached_tokens").asInt());
        // the text delta carries the item and indexes
        JsonNode delta = tree(all.get(9));
        assertEquals(1, delta.path("output_index").asInt());
        assertEquals(0, delta.path("content_index").asInt());
        assertEquals("Hi", delta.path("delta").asText());
    }

    @Test
    void inputItemsBecomeNativeMessages() {
        ChatRequest r = ResponsesRequestMapper.toNative(JSON.parseBody("""
                {"model":"m","instructions":"Be brief.","max_output_tokens":5,"reasoning":{"effort":"low"},
                 "tools":[{"type":"function","name":"get_weather","parameters":{"type":"object"}},
                          {"type":"namespace","name":"files","tools":[{"type":"function","name":"read"}]}],
                 "input":[{"role":"user","content":"Weather?"},
                  {"type":"reasoning","summary":[],"encrypted_content":"thought"},
                  {"type":"function_call","call_id":"call_1","name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"},
                  {"type":"function_call_output","call_id":"call_1","output":"sunny"},
                  {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Sunny."}]}]}""".getBytes(),
                ResponsesRequest.class));
        List<ApiMessage> m = r.messages();
        assertEquals(List.of("system", "user", "assistant", "tool", "assistant"), m.stream().map(ApiMessage::role).toList());
        assertEquals("thought", m.get(2).thinking());
        assertEquals(Map.of("city", "Paris"), m.get(2).toolCalls().getFirst().function().arguments());
        assertEquals("get_weather", m.get(3).toolName());
        assertEquals("Sunny.", m.get(4).content());
        assertEquals(5, r.options().get("num_predict"));
        assertEquals("\"low\"", r.think().toString());
        assertEquals("{\"type\":\"function\",\"function\":{\"name\":\"files.read\"}}", tree(r.tools().get(1)).toString());
    }

    @Test
    void wholeResponseOverHttp() {
        // client.responses.create(model="tiny", input="Tell me a story", max_output_tokens=4)
        OpenAiHarness.Reply r = h.post("/v1/responses",
                "{\"model\":\"tiny\",\"input\":\"Tell me a story\",\"max_output_tokens\":4,\"reasoning\":{\"effort\":\"none\"}}");
        assertEquals(200, r.status(), r.body());
        JsonNode res = r.json();
        assertTrue(res.path("id").asText().startsWith("resp_"));
        assertEquals("response", res.path("object").asText());
        assertEquals("completed", res.path("status").asText());
        assertEquals("tiny", res.path("model").asText());
        assertTrue(res.has("error") && res.path("error").isNull());
        assertFalse(res.path("store").asBoolean());
        assertEquals("text", res.path("text").path("format").path("type").asText());
        JsonNode message = res.path("output").get(res.path("output").size() - 1);
        assertEquals("message", message.path("type").asText());
        assertEquals("assistant", message.path("role").asText());
        assertEquals("output_text", message.path("content").get(0).path("type").asText());
        assertEquals(4, res.path("usage").path("output_tokens").asInt());
        assertTrue(res.path("usage").path("input_tokens").asInt() > 0);
    }

    @Test
    void streamedResponseOverHttp() throws IOException {
        OpenAiHarness.Reply r = h.post("/v1/responses",
                "{\"model\":\"tiny\",\"input\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"max_output_tokens\":4,\"stream\":true}");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.contentType().startsWith("text/event-stream"));
        assertFalse(r.body().contains("[DONE]"));
        List<JsonNode> events = new ArrayList<>();
        for (String event : r.body().substring(0, r.body().length() - 2).split("\n\n")) {
            String[] lines = event.split("\n");
            assertEquals(2, lines.length, event);
            assertTrue(lines[0].startsWith("event: ") && lines[1].startsWith("data: "), event);
            JsonNode data = OpenAiHarness.JSON.readTree(lines[1].substring(6));
            assertEquals(lines[0].substring(7), data.path("type").asText());
            events.add(data);
        }
        assertEquals("response.created", events.getFirst().path("type").asText());
        assertEquals("response.in_progress", events.get(1).path("type").asText());
        assertEquals("response.completed", events.getLast().path("type").asText());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i, events.get(i).path("sequence_number").asInt());
        }
        assertEquals(4, events.getLast().path("response").path("usage").path("output_tokens").asInt());
    }

    @Test
    void errors() {
        OpenAiHarness.Reply prev = h.post("/v1/responses", "{\"model\":\"tiny\",\"input\":\"x\",\"previous_response_id\":\"resp_1\"}");
        assertEquals(400, prev.status());
        assertEquals("invalid_request_error", prev.json().path("error").path("type").asText());
        OpenAiHarness.Reply file = h.post("/v1/responses", "{\"model\":\"tiny\",\"input\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"input_file\",\"file_id\":\"f\"}]}]}");
        assertEquals("file inputs are not currently supported", file.errorMessage());
        assertEquals(404, h.post("/v1/responses", "{\"model\":\"nope\",\"input\":\"x\"}").status());
    }
}
