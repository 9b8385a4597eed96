package jollama.engine.sampling;

/** A token and its log-probability under the model's unmodified distribution (natural log). */
public record TokenLogprob(int tokenId, float logprob) {
}
