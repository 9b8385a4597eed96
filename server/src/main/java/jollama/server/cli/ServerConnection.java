package jollama.server.cli;

import jollama.server.client.OllamaClient;
import jollama.server.client.ServerUnreachableException;

import java.io.IOException;
import java.util.Map;

/**
 * The server the client commands talk to ({@code OLLAMA_HOST}), checked with {@code HEAD /}
 * before anything else, as Ollama's CLI does; when nothing answers, the error says so in
 * Ollama's words (which scripts match on "could not connect").
 */
final class ServerConnection {

    static final String NOT_RUNNING =
            "ollama server not responding - could not connect to ollama server, run 'jollama serve' to start it";

    private ServerConnection() {
    }

    static OllamaClient connect(Map<String, String> env) throws IOException {
        OllamaClient client = OllamaClient.fromEnvironment(env);
        try {
            client.heartbeat();
        } catch (ServerUnreachableException e) {
            throw new IOException(NOT_RUNNING, e);
        }
        return client;
    }
}
