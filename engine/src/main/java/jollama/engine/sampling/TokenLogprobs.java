package jollama.engine.sampling;

import java.util.List;

/**
 * Log-probabilities for one generated position: the chosen token and the most likely
 * alternatives, most likely first (what Ollama's {@code logprobs}/{@code top_logprobs} report).
 */
public record TokenLogprobs(TokenLogprob chosen, List<TokenLogprob> top) {
    public TokenLogprobs {
        top = List.copyOf(top);
    }
}
