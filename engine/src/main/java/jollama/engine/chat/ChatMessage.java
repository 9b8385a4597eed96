package jollama.engine.chat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One message of a conversation.
 *
 * @param role      "system", "user", "assistant" or "tool"
 * @param content   the text
 * @param thinking  an assistant's reasoning, or null
 * @param toolCalls the tools an assistant called (empty for none)
 * @param toolName  for role "tool": the tool whose result this is, or null
 */
public record ChatMessage(String role, String content, String thinking, List<ToolCall> toolCalls, String toolName) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        content = content == null ? "" : content;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content, null, List.of(), null);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content, null, List.of(), null);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content, null, List.of(), null);
    }

    public static ChatMessage tool(String toolName, String content) {
        return new ChatMessage("tool", content, null, List.of(), toolName);
    }

    /** The message as Hugging Face chat templates expect it (keys in the order they are written). */
    public Map<String, Object> toTemplateValue() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("content", content);
        if (thinking != null && !thinking.isEmpty()) {
            m.put("reasoning_content", thinking);
        }
        if (!toolCalls.isEmpty()) {
            m.put("tool_calls", toolCalls.stream().map(ToolCall::toTemplateValue).toList());
        }
        if (toolName != null) {
            m.put("name", toolName);
        }
        return m;
    }
}
