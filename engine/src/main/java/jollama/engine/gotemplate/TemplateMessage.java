package jollama.engine.gotemplate;

import jollama.engine.chat.ChatMessage;
import jollama.engine.chat.ToolCall;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One chat message as Ollama's templates see it: {@code .Role}, {@code .Content},
 * {@code .Thinking}, {@code .Images}, {@code .ToolCalls}, {@code .ToolName},
 * {@code .ToolCallID}. Absent text is "". Image markers ({@code [img-0]}) are the caller's
 * business, as in Ollama, where the server adds them before rendering.
 */
public record TemplateMessage(String role, String content, String thinking, List<byte[]> images,
                              List<TemplateToolCall> toolCalls, String toolName, String toolCallId) {

    public TemplateMessage {
        Objects.requireNonNull(role, "role");
        content = content == null ? "" : content;
        thinking = thinking == null ? "" : thinking;
        images = images == null ? List.of() : List.copyOf(images);
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        toolName = toolName == null ? "" : toolName;
        toolCallId = toolCallId == null ? "" : toolCallId;
    }

    public static TemplateMessage of(String role, String content) {
        return new TemplateMessage(role, content, null, null, null, null, null);
    }

    public static TemplateMessage system(String content) {
        return of("system", content);
    }

    public static TemplateMessage user(String content) {
        return of("user", content);
    }

    public static TemplateMessage assistant(String content) {
        return of("assistant", content);
    }

    public static TemplateMessage assistant(String content, String thinking, List<TemplateToolCall> toolCalls) {
        return new TemplateMessage("assistant", content, thinking, null, toolCalls, null, null);
    }

    public static TemplateMessage tool(String toolName, String content) {
        return new TemplateMessage("tool", content, null, null, null, toolName, null);
    }

    /** The engine's chat message; its tool calls get their position as index. */
    public static TemplateMessage from(ChatMessage message) {
        List<TemplateToolCall> calls = new ArrayList<>();
        for (int i = 0; i < message.toolCalls().size(); i++) {
            ToolCall call = message.toolCalls().get(i);
            calls.add(new TemplateToolCall("", i, call.name(), call.arguments()));
        }
        return new TemplateMessage(message.role(), message.content(), message.thinking(), null, calls,
                message.toolName(), null);
    }

    TemplateMessage withContent(String newContent) {
        return new TemplateMessage(role, newContent, thinking, images, toolCalls, toolName, toolCallId);
    }
}
