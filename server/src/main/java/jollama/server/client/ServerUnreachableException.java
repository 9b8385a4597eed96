package jollama.server.client;

import java.io.IOException;

/** Nothing answers at the server's address: it is not running, or OLLAMA_HOST points elsewhere. */
public final class ServerUnreachableException extends IOException {

    private final OllamaHost host;

    public ServerUnreachableException(OllamaHost host, Throwable cause) {
        super("could not connect to " + host, cause);
        this.host = host;
    }

    public OllamaHost host() {
        return host;
    }
}
