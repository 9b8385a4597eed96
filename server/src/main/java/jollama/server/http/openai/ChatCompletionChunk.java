package jollama.server.http.openai;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One SSE event of a streamed chat reply, {@code object: "chat.completion.chunk"}. The usage
 * chunk has no choices and carries {@code usage}; every other chunk has one choice and no usage.
 */
public record ChatCompletionChunk(String id, String object, long created, String model, String systemFingerprint,
                                  List<Choice> choices, Usage usage) {

    /** {@code finish_reason} is written as null until the finish chunk. */
    public record Choice(int index, Delta delta, @JsonInclude(JsonInclude.Include.ALWAYS) String finishReason,
                         ChatLogprobs logprobs) {
    }

    /** What the step adds; the finish chunk's delta is {@code {}}. */
    public record Delta(String role, String content, String reasoning, List<ToolCallJson> toolCalls) {
    }
}
