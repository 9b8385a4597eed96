package jollama.server.http.openai;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jollama.engine.generate.DoneReason;
import jollama.engine.generate.GenerationResult;
import jollama.engine.parse.ParseEvent;
import jollama.server.http.ApiError;
import jollama.server.http.Json;
import jollama.server.http.ReplyDelta;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SSE chat writer on its own, for what a real model cannot be made to do on cue: fail in
 * the middle of a stream.
 */
class SseWriterTest {

    /** A servlet response that records the status, headers and body (only what SseStream uses). */
    private static final class Recorded {
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final Map<String, Object> meta = new HashMap<>();
        final HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[]{HttpServletResponse.class}, (proxy, method, args) ->
                        switch (method.getName()) {
                            case "setStatus" -> {
                                meta.put("status", args[0]);
                                yield null;
                            }
                            case "setContentType" -> {
                                meta.put("Content-Type", args[0]);
                                yield null;
                            }
                            case "setHeader" -> {
                                meta.put((String) args[0], args[1]);
                                yield null;
                            }
                            case "getOutputStream" -> new ServletOutputStream() {
                                @Override
                                public boolean isReady() {
                                    return true;
                                }

                                @Override
                                public void setWriteListener(WriteListener writeListener) {
                                }

                                @Override
                                public void write(int b) {
                                    body.write(b);
                                }
                            };
                            default -> throw new UnsupportedOperationException(method.getName());
                        });

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private final Json json = new Json();

    @Test
    void aFailureAfterTheStartIsALastErrorEventWithoutDone() throws Exception {
        Recorded r = new Recorded();
        var writer = new ChatCompletionFormat.Writer(new SseStream(r.response, json), new ChatChunks("chatcmpl-9", 1L, "m"),
                true);
        assertFalse(writer.started());
        writer.step(ReplyDelta.of(List.of(new ParseEvent.Content("Hel"))), List.of());
        assertTrue(writer.started());
        writer.fail(new ApiError(500, "failed to parse JSON: unexpected end"));
        assertEquals(200, r.meta.get("status"));
        assertEquals("text/event-stream", r.meta.get("Content-Type"));
        assertEquals("no-cache", r.meta.get("Cache-Control"));
        assertEquals("""
                data: {"id":"chatcmpl-9","object":"chat.completion.chunk","created":1,"model":"m","system_fingerprint":"fp_ollama","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"finish_reason":null}]}

                data: {"error":{"message":"failed to parse JSON: unexpected end","type":"api_error","param":null,"code":null}}

                """, r.text());
    }

    @Test
    void theEndIsFinishUsageDone() throws Exception {
        Recorded r = new Recorded();
        var writer = new ChatCompletionFormat.Writer(new SseStream(r.response, json), new ChatChunks("chatcmpl-9", 1L, "m"),
                true);
        writer.step(ReplyDelta.of(List.of(new ParseEvent.Content("Hi"))), List.of());
        writer.end(List.of(), new GenerationResult("Hi", new int[0], DoneReason.STOP, 3, 1, 1, 1));
        String[] events = r.text().split("\n\n", -1);
        assertEquals(5, events.length, r.text()); // 4 events and the empty tail
        assertTrue(events[1].contains("\"delta\":{},\"finish_reason\":\"stop\""), events[1]);
        assertTrue(events[2].contains("\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}"),
                events[2]);
        assertEquals("data: [DONE]", events[3]);
        assertEquals("", events[4]);
    }
}
