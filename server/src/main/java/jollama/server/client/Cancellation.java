package jollama.server.client;

import java.io.Closeable;
import java.io.IOException;

/**
 * Stops a streamed request from another thread (the Ctrl-C handler): the open stream is closed,
 * which ends the HTTP exchange, and the server stops generating when it sees the client gone.
 */
public final class Cancellation {

    private volatile boolean cancelled;
    private volatile Closeable open;

    /** Stops the stream now, or as soon as it opens. */
    public void cancel() {
        cancelled = true;
        Closeable c = open;
        if (c != null) {
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                // closing a half-read stream may complain; the reader notices the flag either way
            }
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    void attach(Closeable stream) throws IOException {
        open = stream;
        if (cancelled) {
            stream.close();
        }
    }

    void detach() {
        open = null;
    }
}
