package jollama.server.http.openai;

import jollama.server.http.api.Logprob;

import java.util.ArrayList;
import java.util.List;

/**
 * A chat choice's {@code logprobs}: {@code {"content":[{"token","logprob","bytes","top_logprobs":[...]}]}}.
 * {@code top_logprobs} is always an array (empty when none were asked for), as OpenAI sends it.
 */
public record ChatLogprobs(List<Token> content) {

    public record Token(String token, double logprob, int[] bytes, List<Top> topLogprobs) {
    }

    public record Top(String token, double logprob, int[] bytes) {
    }

    /** The native log-probabilities in OpenAI's shape, or null when there are none. */
    static ChatLogprobs of(List<Logprob> logprobs) {
        if (logprobs == null || logprobs.isEmpty()) {
            return null;
        }
        List<Token> content = new ArrayList<>(logprobs.size());
        for (Logprob l : logprobs) {
            List<Top> top = new ArrayList<>();
            if (l.topLogprobs() != null) {
                for (Logprob t : l.topLogprobs()) {
                    top.add(new Top(t.token(), t.logprob(), t.bytes()));
                }
            }
            content.add(new Token(l.token(), l.logprob(), l.bytes(), top));
        }
        return new ChatLogprobs(content);
    }
}
