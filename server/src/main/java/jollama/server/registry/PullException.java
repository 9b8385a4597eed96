package jollama.server.registry;

import java.io.IOException;

/**
 * A pull that failed. The message is what {@code /api/pull} sends as {@code {"error": ...}},
 * worded as Ollama words it where clients match on it, e.g.
 * {@code pull model manifest: file does not exist} or
 * {@code digest mismatch, file must be downloaded again: want sha256:…, got sha256:…}.
 */
public class PullException extends IOException {

    private static final long serialVersionUID = 1L;

    public PullException(String message) {
        super(message);
    }

    public PullException(String message, Throwable cause) {
        super(message, cause);
    }
}
