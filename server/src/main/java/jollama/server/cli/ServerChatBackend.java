package jollama.server.cli;

import jollama.engine.chat.ChatMessage;
import jollama.server.client.ApiMessage;
import jollama.server.client.ChatRequest;
import jollama.server.client.OllamaClient;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The chat over a model a server runs ({@code jollama run NAME}): each turn is one streamed
 * {@code /api/chat} with the whole conversation; the server adds the model's system message
 * and MESSAGE history itself.
 */
final class ServerChatBackend implements ChatBackend {

    private final OllamaClient client;
    private final String model;
    private final StreamedAnswerer answerer;
    private final Object keepAlive;
    private final Object format;

    /**
     * @param keepAlive null for the server's default, else what {@code --keepalive} asked
     * @param format    null, "json" or a JSON Schema
     */
    ServerChatBackend(OllamaClient client, String model, StreamedAnswerer answerer, Object keepAlive, Object format) {
        this.client = client;
        this.model = model;
        this.answerer = answerer;
        this.keepAlive = keepAlive;
        this.format = format;
    }

    @Override
    public Answer answer(List<ChatMessage> messages, Map<String, Object> parameters, Boolean think,
                         boolean hideThinking, boolean verbose) throws IOException {
        List<ApiMessage> wire = messages.stream()
                .map(m -> new ApiMessage(m.role(), m.content(),
                        m.thinking() == null || m.thinking().isEmpty() ? null : m.thinking()))
                .toList();
        return answerer.chat(new ChatRequest(model, wire, parameters, think, keepAlive, format, null),
                hideThinking, verbose);
    }

    @Override
    public boolean cancel() {
        return answerer.cancel();
    }

    @Override
    public void showInfo(PrintStream to) throws IOException {
        ShowInfoPrinter.print(client.show(model, false), false, to);
    }

    @Override
    public String template() throws IOException {
        return client.show(model, false).template();
    }
}
