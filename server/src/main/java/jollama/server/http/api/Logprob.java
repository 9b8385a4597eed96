package jollama.server.http.api;

import java.util.List;

/**
 * One position's log-probability: {@code {"token","logprob","bytes","top_logprobs":[...]}}
 * ({@code top_logprobs} only on the chosen token, and only when asked for).
 */
public record Logprob(String token, double logprob, int[] bytes, List<Logprob> topLogprobs) {
}
