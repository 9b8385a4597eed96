package jollama.server.http.openai;

import com.fasterxml.jackson.databind.JsonNode;
import jollama.engine.generate.DoneReason;
import jollama.engine.generate.GenerationResult;
import jollama.engine.parse.OutputParser;
import jollama.engine.parse.ParseEvent;
import jollama.engine.parse.Qwen3OutputParser;
import jollama.server.http.Json;
import jollama.server.http.ReplyDelta;
import jollama.server.http.api.Logprob;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAI chunk and message shapes for scripted replies: what a model that thinks and calls
 * tools produces, which the random-weight test model never does by itself.
 */
class ChatChunksTest {

    private final Json json = new Json();

    private JsonNode tree(Object value) {
        return json.mapper().valueToTree(value);
    }

    private static ParseEvent.ToolCall call(int index, String name, Map<String, Object> args) {
        return new ParseEvent.ToolCall("call_" + "abcdefg" + index, index, name, args);
    }

    private static Map<String, Object> weatherArgs() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("location", "SF");
        args.put("unit", "celsius");
        args.put("days", 3);
        return args;
    }

    @Test
    void thinkingAndAnswerInOneStepAreTwoChunksRoleOnlyFirst() {
        ChatChunks chunks = new ChatChunks("chatcmpl-7", 1700000000L, "qwen3");
        List<ChatCompletionChunk> first = chunks.step(
                ReplyDelta.of(List.of(new ParseEvent.Thinking("Let me think"), new ParseEvent.Content("Answer"))),
                List.of());
        assertEquals(2, first.size());
        JsonNode reasoning = tree(first.get(0));
        JsonNode content = tree(first.get(1));
        assertEquals("{\"role\":\"assistant\",\"reasoning\":\"Let me think\"}",
                reasoning.path("choices").get(0).path("delta").toString());
        assertEquals("{\"content\":\"Answer\"}", content.path("choices").get(0).path("delta").toString());
        for (JsonNode c : List.of(reasoning, content)) {
            assertEquals("chatcmpl-7", c.path("id").asText());
            assertEquals("chat.completion.chunk", c.path("object").asText());
            assertEquals(1700000000L, c.path("created").asLong());
            assertEquals("qwen3", c.path("model").asText());
            assertEquals("fp_ollama", c.path("system_fingerprint").asText());
            assertTrue(c.path("choices").get(0).path("finish_reason").isNull());
            assertTrue(c.path("choices").get(0).has("finish_reason"));
            assertFalse(c.has("usage"));
        }
        List<ChatCompletionChunk> next = chunks.step(ReplyDelta.of(List.of(new ParseEvent.Content(" more"))), List.of());
        assertEquals("{\"content\":\" more\"}", tree(next.getFirst()).path("choices").get(0).path("delta").toString());

        JsonNode finish = tree(chunks.finish("stop", List.of()));
        assertEquals("{}", finish.path("choices").get(0).path("delta").toString());
        assertEquals("stop", finish.path("choices").get(0).path("finish_reason").asText());

        JsonNode usage = tree(chunks.usage(new GenerationResult("", new int[0], DoneReason.STOP, 12, 1, 5, 1)));
        assertEquals("[]", usage.path("choices").toString());
        assertEquals("{\"prompt_tokens\":12,\"completion_tokens\":5,\"total_tokens\":17}", usage.path("usage").toString());
    }

    @Test
    void toolCallDeltasCarryIndexIdAndArgumentsAsAString() {
        ChatChunks chunks = new ChatChunks("chatcmpl-1", 1L, "m");
        List<ChatCompletionChunk> out = chunks.step(ReplyDelta.of(List.of(
                call(0, "get_weather", weatherArgs()), call(1, "get_time", Map.of()))), List.of());
        assertEquals(1, out.size());
        JsonNode delta = tree(out.getFirst()).path("choices").get(0).path("delta");
        assertEquals("assistant", delta.path("role").asText());
        assertEquals("", delta.path("content").asText());
        JsonNode calls = delta.path("tool_calls");
        assertEquals(2, calls.size());
        assertEquals(0, calls.get(0).path("index").asInt());
        assertEquals("call_abcdefg0", calls.get(0).path("id").asText());
        assertEquals("function", calls.get(0).path("type").asText());
        assertEquals("get_weather", calls.get(0).path("function").path("name").asText());
        assertTrue(calls.get(0).path("function").path("arguments").isTextual());
        assertEquals("{\"location\":\"SF\",\"unit\":\"celsius\",\"days\":3}",
                calls.get(0).path("function").path("arguments").asText());
        assertEquals(1, calls.get(1).path("index").asInt());
        assertEquals("{}", calls.get(1).path("function").path("arguments").asText());

        assertEquals("tool_calls", tree(chunks.finish("stop", List.of())).path("choices").get(0)
                .path("finish_reason").asText());
    }

    @Test
    void finishReasons() {
        assertEquals("stop", ChatChunks.finishReason("stop", false));
        assertEquals("tool_calls", ChatChunks.finishReason("stop", true));
        assertEquals("length", ChatChunks.finishReason("length", true));
        assertEquals("stop", ChatChunks.finishReason(null, false));
        // a reply with no text at all: the finish chunk is the first, so it has the role
        JsonNode only = tree(new ChatChunks("chatcmpl-2", 1L, "m").finish("length", List.of()));
        assertEquals("{\"role\":\"assistant\"}", only.path("choices").get(0).path("delta").toString());
        assertEquals("length", only.path("choices").get(0).path("finish_reason").asText());
    }

    @Test
    void scriptedQwen3ReplyStreamsAsOpenAiToolCalls() {
        // what a Qwen3 model writes when it thinks and then calls a tool, cut into arbitrary pieces
        OutputParser parser = new Qwen3OutputParser(Qwen3OutputParser.Start.THINKING, new Random(1));
        String[] pieces = {"The user wants", " the weather.</think>\n\n", "<tool_ca",
                "ll>\n{\"name\":\"get_weather\",\"arguments\":{\"location\":\"SF\",\"unit\":\"celsius\"}}\n</tool_call>"};
        ChatChunks chunks = new ChatChunks("chatcmpl-3", 1L, "qwen3");
        List<JsonNode> events = new ArrayList<>();
        for (String piece : pieces) {
            ReplyDelta delta = ReplyDelta.of(parser.feed(piece));
            if (!delta.isEmpty()) {
                chunks.step(delta, List.of()).forEach(c -> events.add(tree(c)));
            }
        }
        ReplyDelta rest = ReplyDelta.of(parser.finish());
        if (!rest.isEmpty()) {
            chunks.step(rest, List.of()).forEach(c -> events.add(tree(c)));
        }
        events.add(tree(chunks.finish("stop", List.of())));

        StringBuilder reasoning = new StringBuilder();
        List<JsonNode> calls = new ArrayList<>();
        for (JsonNode e : events.subList(0, events.size() - 1)) {
            JsonNode delta = e.path("choices").get(0).path("delta");
            reasoning.append(delta.path("reasoning").asText(""));
            delta.path("tool_calls").forEach(calls::add);
            assertEquals("", delta.path("content").asText(""));
        }
        assertEquals("assistant", events.getFirst().path("choices").get(0).path("delta").path("role").asText());
        assertEquals("The user wants the weather.", reasoning.toString());
        assertEquals(1, calls.size());
        assertEquals("get_weather", calls.getFirst().path("function").path("name").asText());
        assertEquals("{\"location\":\"SF\",\"unit\":\"celsius\"}", calls.getFirst().path("function").path("arguments").asText());
        assertTrue(calls.getFirst().path("id").asText().matches("call_[a-z0-9]{8}"));
        assertEquals("tool_calls", events.getLast().path("choices").get(0).path("finish_reason").asText());
    }

    @Test
    void wholeMessageWithToolCallsAndReasoning() {
        ChatCompletionFormat format = new ChatCompletionFormat(json, "qwen3", false, false);
        ReplyDelta reply = ReplyDelta.of(List.of(new ParseEvent.Thinking("hmm"), call(0, "get_weather", weatherArgs())));
        JsonNode c = tree(format.whole(reply, List.of(), "stop", new Usage(10, 4, 14)));
        assertEquals("chat.completion", c.path("object").asText());
        JsonNode choice = c.path("choices").get(0);
        assertEquals("tool_calls", choice.path("finish_reason").asText());
        JsonNode message = choice.path("message");
        assertEquals("assistant", message.path("role").asText());
        assertEquals("hmm", message.path("reasoning").asText());
        assertFalse(message.has("reasoning_content"));
        assertEquals("{\"location\":\"SF\",\"unit\":\"celsius\",\"days\":3}",
                message.path("tool_calls").get(0).path("function").path("arguments").asText());
        assertEquals("{\"prompt_tokens\":10,\"completion_tokens\":4,\"total_tokens\":14}", c.path("usage").toString());
    }

    @Test
    void logprobsInOpenAiShape() {
        List<Logprob> native_ = List.of(new Logprob("Hi", -0.5, new int[]{72, 105},
                List.of(new Logprob("Hi", -0.5, new int[]{72, 105}, null), new Logprob("Yo", -1.5, null, null))));
        JsonNode lp = tree(ChatLogprobs.of(native_));
        JsonNode t = lp.path("content").get(0);
        assertEquals("Hi", t.path("token").asText());
        assertEquals(-0.5, t.path("logprob").asDouble());
        assertEquals("[72,105]", t.path("bytes").toString());
        assertEquals(2, t.path("top_logprobs").size());
        assertEquals("Yo", t.path("top_logprobs").get(1).path("token").asText());
        assertNull(ChatLogprobs.of(List.of()));
        // no alternatives asked for: still an array
        JsonNode bare = tree(ChatLogprobs.of(List.of(new Logprob("a", -1, new int[]{97}, null))));
        assertEquals("[]", bare.path("content").get(0).path("top_logprobs").toString());
    }
}
