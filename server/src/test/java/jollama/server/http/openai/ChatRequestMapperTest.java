package jollama.server.http.openai;

import jollama.server.http.ApiError;
import jollama.server.http.Json;
import jollama.server.http.api.ApiMessage;
import jollama.server.http.api.ChatRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OpenAI chat requests as native ones (ollama-api.md §3.1, §3.6). */
class ChatRequestMapperTest {

    private final Json json = new Json();

    private ChatRequest map(String body) {
        return ChatRequestMapper.toNative(json.parseBody(body.getBytes(), ChatCompletionRequest.class));
    }

    @Test
    void defaultsOverrideTheModelsTemperatureAndTopP() {
        ChatRequest r = map("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertEquals(Map.of("temperature", 1.0, "top_p", 1.0), r.options());
        assertNull(r.think());
        assertNull(r.format());
        assertFalse(r.stream());
    }

    @Test
    void samplingFields() {
        ChatRequest r = map("""
                {"model":"m","messages":[{"role":"user","content":"x"}],"temperature":0.2,"top_p":0.5,"seed":42,
                 "stop":["a",1,"b"],"max_tokens":9,"frequency_penalty":0.3,"presence_penalty":0.4}""");
        assertEquals(0.2, r.options().get("temperature"));
        assertEquals(0.5, r.options().get("top_p"));
        assertEquals(42L, r.options().get("seed"));
        assertEquals(List.of("a", "b"), r.options().get("stop"));
        assertEquals(9, r.options().get("num_predict"));
        assertEquals(0.3, r.options().get("frequency_penalty"));
        assertEquals(0.4, r.options().get("presence_penalty"));
        assertEquals(List.of("z"), map("{\"model\":\"m\",\"stop\":\"z\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                .options().get("stop"));
        // the newer max_completion_tokens wins over max_tokens
        assertEquals(3, map("{\"model\":\"m\",\"max_tokens\":9,\"max_completion_tokens\":3,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").options().get("num_predict"));
    }

    @Test
    void reasoningEffortMapping() {
        assertEquals("false", think("none"));
        assertEquals("\"low\"", think("minimal"));
        assertEquals("\"low\"", think("low"));
        assertEquals("\"medium\"", think("medium"));
        assertEquals("\"high\"", think("high"));
        assertEquals("\"max\"", think("max"));
        assertEquals("\"max\"", think("xhigh"));
        assertEquals("\"max\"", think("ultra"));
        assertNull(ReasoningEffort.think(""));
        assertEquals("\"high\"", map("{\"model\":\"m\",\"reasoning\":{\"effort\":\"high\"},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").think().toString());
        ApiError e = assertThrows(ApiError.class, () -> ReasoningEffort.think("extreme"));
        assertEquals(400, e.status());
    }

    private static String think(String effort) {
        return ReasoningEffort.think(effort).toString();
    }

    @Test
    void responseFormatsGoToTheNativeFormatField() {
        assertEquals("\"json\"", map("{\"model\":\"m\",\"response_format\":{\"type\":\"json_object\"},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").format().toString());
        assertEquals("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}}}", map("""
                {"model":"m","response_format":{"type":"json_schema","json_schema":{"name":"t","strict":true,
                 "schema":{"type":"object","properties":{"a":{"type":"integer"}}}}},
                 "messages":[{"role":"user","content":"x"}]}""").format().toString());
        assertNull(map("{\"model\":\"m\",\"response_format\":{\"type\":\"text\"},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").format());
    }

    @Test
    void messagesPartsRolesAndToolHistory() {
        ChatRequest r = map("""
                {"model":"m","messages":[
                 {"role":"developer","content":"Be brief."},
                 {"role":"User","content":[{"type":"text","text":"Look:"},
                   {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
                   {"type":"text","text":"What is it?"}]},
                 {"role":"assistant","content":"","reasoning":"thought","tool_calls":[
                   {"id":"call_1","type":"function","function":{"name":"f","arguments":"{\\"b\\":1,\\"a\\":[2]}"}},
                   {"id":"call_2","type":"function","function":{"name":"g","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"call_2","content":"ok"},
                 {"role":"tool","tool_call_id":"call_1","name":"explicit","content":"ok"}]}""");
        List<ApiMessage> m = r.messages();
        assertEquals("system", m.get(0).role());
        assertEquals("user", m.get(1).role());
        assertEquals("Look:\n\nWhat is it?", m.get(1).content());
        assertEquals(List.of("iVBORw0KGgo="), m.get(1).images());
        assertEquals("thought", m.get(2).thinking());
        assertEquals("f", m.get(2).toolCalls().get(0).function().name());
        assertEquals(List.of("b", "a"), List.copyOf(m.get(2).toolCalls().get(0).function().arguments().keySet()));
        assertEquals(List.of(2), m.get(2).toolCalls().get(0).function().arguments().get("a"));
        assertEquals(1, m.get(2).toolCalls().get(1).function().index());
        assertEquals("g", m.get(3).toolName());
        assertEquals("call_2", m.get(3).toolCallId());
        assertEquals("explicit", m.get(4).toolName());
    }

    @Test
    void refusedInput() {
        assertMessage("[] is too short - 'messages'", "{\"model\":\"m\",\"messages\":[]}");
        assertMessage("invalid message content type: float64", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":1}]}");
        assertMessage("invalid image input", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"image_url\",\"image_url\":\"data:text/plain;base64,aGk=\"}]}]}");
        assertMessage("invalid tool call arguments", "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\","
                + "\"tool_calls\":[{\"function\":{\"name\":\"f\",\"arguments\":\"[1]\"}}]}]}");
        assertTrue(assertThrows(ApiError.class, () -> map("{\"model\":\"m\",\"n\":3,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")).getMessage().contains("n=1"));
    }

    private void assertMessage(String message, String body) {
        ApiError e = assertThrows(ApiError.class, () -> map(body));
        assertEquals(400, e.status());
        assertEquals(message, e.getMessage());
    }
}
