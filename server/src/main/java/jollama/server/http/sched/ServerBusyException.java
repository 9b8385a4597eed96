package jollama.server.http.sched;

/** OLLAMA_MAX_QUEUE requests are already waiting (HTTP 503 with Ollama's text, two spaces included). */
public final class ServerBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final String MESSAGE = "server busy, please try again.  maximum pending requests exceeded";

    ServerBusyException() {
        super(MESSAGE);
    }
}
