package jollama.server.http.openai;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Response ids as Ollama makes them: a prefix and a number below 999 ({@code chatcmpl-42}).
 * Clients only echo them; none relies on uniqueness across requests.
 */
final class Ids {

    private Ids() {
    }

    static String next(String prefix) {
        return prefix + ThreadLocalRandom.current().nextInt(999);
    }

    /** Unix seconds now, for {@code created}. */
    static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
