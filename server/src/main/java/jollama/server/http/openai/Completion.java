package jollama.server.http.openai;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * A {@code /v1/completions} reply or stream chunk, {@code object: "text_completion"}
 * (ollama-api.md §3.2); the usage chunk of a stream has no choices.
 */
public record Completion(String id, String object, long created, String model, String systemFingerprint,
                         List<Choice> choices, Usage usage) {

    /** {@code logprobs} and {@code finish_reason} are written as null when absent, as OpenAI does. */
    public record Choice(String text, int index, @JsonInclude(JsonInclude.Include.ALWAYS) Logprobs logprobs,
                         @JsonInclude(JsonInclude.Include.ALWAYS) String finishReason) {
    }

    /**
     * The legacy completions form: parallel lists of tokens, their log-probabilities, the most
     * likely alternatives (token → log-probability) and each token's offset in the text.
     */
    public record Logprobs(List<String> tokens, List<Double> tokenLogprobs, List<Map<String, Double>> topLogprobs,
                           List<Integer> textOffset) {
    }
}
