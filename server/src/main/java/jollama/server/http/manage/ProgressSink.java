package jollama.server.http.manage;

/**
 * Receives the progress lines of a long operation (pull, create): a streamed reply writes each
 * one, a non-streamed reply keeps the last, the CLI draws them.
 */
@FunctionalInterface
public interface ProgressSink {

    /** Takes one line; must not throw (a client that went away is the reply's business). */
    void send(Progress progress);
}
