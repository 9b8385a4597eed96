package jollama.server.registry;

import java.io.IOException;

/**
 * A registry answer of 400 or more. The message is Ollama's: {@code <code>: <body>}, and for 404
 * {@code file does not exist} (Go's {@code os.ErrNotExist}), which clients match on.
 */
final class HttpStatusException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;

    HttpStatusException(int status, String body) {
        super(status == 404 ? "file does not exist" : status + ": " + body.strip());
        this.status = status;
    }

    int status() {
        return status;
    }
}
