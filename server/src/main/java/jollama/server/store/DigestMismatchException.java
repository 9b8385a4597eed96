package jollama.server.store;

import java.io.IOException;
import java.util.Objects;

/**
 * Content whose sha256 is not the one it was announced with. The message is chosen by the
 * thrower, because Ollama words it differently for {@code /api/blobs} and for pulls.
 */
public final class DigestMismatchException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Digest expected;
    private final transient Digest actual;

    public DigestMismatchException(String message, Digest expected, Digest actual) {
        super(message);
        this.expected = Objects.requireNonNull(expected);
        this.actual = Objects.requireNonNull(actual);
    }

    /** {@code /api/blobs} wording: {@code digest mismatch, expected "<want>", got "<got>"}. */
    static DigestMismatchException forUpload(Digest expected, Digest actual) {
        return new DigestMismatchException("digest mismatch, expected \"" + expected + "\", got \"" + actual + "\"",
                expected, actual);
    }

    public Digest expected() {
        return expected;
    }

    public Digest actual() {
        return actual;
    }
}
