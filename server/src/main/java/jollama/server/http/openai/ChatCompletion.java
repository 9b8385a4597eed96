package jollama.server.http.openai;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** A whole {@code /v1/chat/completions} reply, {@code object: "chat.completion"} (ollama-api.md §3.1). */
public record ChatCompletion(String id, String object, long created, String model, String systemFingerprint,
                             List<Choice> choices, Usage usage) {

    /** {@code finish_reason}: {@code stop}, {@code length} or {@code tool_calls}. */
    public record Choice(int index, Message message, @JsonInclude(JsonInclude.Include.ALWAYS) String finishReason,
                         ChatLogprobs logprobs) {
    }

    /** The assistant's reply; the thinking goes in {@code reasoning} (Ollama's name, not {@code reasoning_content}). */
    public record Message(String role, String content, String reasoning, List<ToolCallJson> toolCalls) {
    }
}
