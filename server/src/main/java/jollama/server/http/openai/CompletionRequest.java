package jollama.server.http.openai;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code POST /v1/completions} (ollama-api.md §3.2). {@code prompt} is a string, or an array
 * holding one string; {@code logprobs} is how many alternatives to report per token.
 * {@code best_of}, {@code logit_bias} and {@code user} are accepted and ignored.
 */
public record CompletionRequest(String model, JsonNode prompt, String suffix, Integer maxTokens, Double temperature,
                                Double topP, Long seed, JsonNode stop, Double frequencyPenalty,
                                Double presencePenalty, Boolean stream,
                                ChatCompletionRequest.StreamOptions streamOptions, Integer logprobs, Boolean echo,
                                Integer n) {

    public CompletionRequest {
        model = model == null ? "" : model;
    }

    boolean streaming() {
        return Boolean.TRUE.equals(stream);
    }

    boolean includeUsage() {
        return streamOptions != null && Boolean.TRUE.equals(streamOptions.includeUsage());
    }

    boolean echoes() {
        return Boolean.TRUE.equals(echo);
    }
}
