package jollama.server.http.openai;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/chat/completions} (ollama-api.md §3.1). Fields whose JSON type varies
 * ({@code content}, {@code stop}, {@code response_format}) stay JSON and are read by
 * {@link ChatRequestMapper}; {@code tools} keep their key order, as they are rendered into the
 * prompt. {@code tool_choice}, {@code user} and {@code logit_bias} are accepted and ignored.
 */
public record ChatCompletionRequest(String model, List<Message> messages, Boolean stream, StreamOptions streamOptions,
                                    Integer maxTokens, Integer maxCompletionTokens, Long seed, JsonNode stop,
                                    Double temperature, Double topP, Double frequencyPenalty, Double presencePenalty,
                                    JsonNode responseFormat, List<Map<String, Object>> tools, String reasoningEffort,
                                    Reasoning reasoning, Boolean logprobs, Integer topLogprobs, Integer n) {

    public ChatCompletionRequest {
        model = model == null ? "" : model;
        messages = messages == null ? List.of() : messages;
        tools = tools == null ? List.of() : tools;
    }

    /**
     * One message. {@code content} is a string, an array of parts, or null (only beside tool
     * calls); {@code reasoning} (or DeepSeek's {@code reasoning_content}) is an assistant's earlier thinking.
     */
    public record Message(String role, JsonNode content, String name, String toolCallId, List<ToolCall> toolCalls,
                          String reasoning, String reasoningContent) {
        public Message {
            toolCalls = toolCalls == null ? List.of() : toolCalls;
        }
    }

    /** An earlier assistant tool call: {@code function.arguments} is a JSON string. */
    public record ToolCall(String id, String type, Function function) {
    }

    public record Function(String name, JsonNode arguments) {
    }

    public record StreamOptions(Boolean includeUsage) {
    }

    /** {@code "reasoning": {"effort": "..."}}, the Responses-style spelling of {@code reasoning_effort}. */
    public record Reasoning(String effort) {
    }

    boolean streaming() {
        return Boolean.TRUE.equals(stream);
    }

    boolean includeUsage() {
        return streamOptions != null && Boolean.TRUE.equals(streamOptions.includeUsage());
    }
}
