package jollama.engine.generate;

import jollama.engine.sampling.TokenLogprobs;

/**
 * One generated token and the text released with it. The text may be empty (half of a UTF-8
 * character, or a possible start of a stop sequence, is held back) or hold text held back earlier.
 *
 * @param logprobs the token's log-probability and the top alternatives, or null when not asked for
 */
public record GeneratedToken(int id, String text, TokenLogprobs logprobs) {
}
