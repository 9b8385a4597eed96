package jollama.server.client;

import java.io.IOException;

/**
 * The server answered with an error: {@code {"error":"..."}} and a status, or an error line in
 * the middle of a stream (status 200 then). The message is the server's text, unchanged, because
 * callers match on it ("not found") as Ollama's CLI does.
 */
public final class ApiException extends IOException {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status, e.g. 404. */
    public int status() {
        return status;
    }

    public boolean isNotFound() {
        return status == 404;
    }
}
