package jollama.server.http.api;

import java.util.List;

/** The assistant message of a chat reply; {@code content} is always written, even when empty. */
public record ResponseMessage(String role, String content, String thinking, List<ApiToolCall> toolCalls) {

    public ResponseMessage {
        content = content == null ? "" : content;
        toolCalls = toolCalls == null || toolCalls.isEmpty() ? null : toolCalls;
    }

    public static ResponseMessage assistant(String content) {
        return new ResponseMessage("assistant", content, null, null);
    }
}
