package jollama.server.http.api;

import java.util.List;
import java.util.Locale;

/** A chat message as the native API sends it; the role is lower-cased on input, as Ollama does. */
public record ApiMessage(String role, String content, String thinking, List<String> images,
                         List<ApiToolCall> toolCalls, String toolName, String toolCallId) {

    public ApiMessage {
        role = role == null ? "" : role.toLowerCase(Locale.ROOT);
        content = content == null ? "" : content;
        toolCalls = toolCalls == null ? List.of() : toolCalls;
    }
}
