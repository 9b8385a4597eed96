package jollama.server.cli;

import jollama.engine.chat.ChatMessage;
import jollama.server.client.ApiMessage;
import jollama.server.client.ChatRequest;
import jollama.server.client.GenerateRequest;
import jollama.server.client.ModelInfo;
import jollama.server.client.OllamaClient;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The chat over a model a server runs ({@code jollama run NAME}): each turn is one streamed
 * {@code /api/chat} with the whole conversation; the server adds the model's system message
 * and MESSAGE history itself. {@code /load} switches the model this chat talks to.
 */
final class ServerChatBackend implements ChatBackend {

    private final OllamaClient client;
    private final StreamedAnswerer answerer;
    private final Object keepAlive;
    private String model;

    /** @param keepAlive null for the server's default, else what {@code --keepalive} asked */
    ServerChatBackend(OllamaClient client, String model, StreamedAnswerer answerer, Object keepAlive) {
        this.client = client;
        this.model = model;
        this.answerer = answerer;
        this.keepAlive = keepAlive;
    }

    @Override
    public Answer answer(List<ChatMessage> messages, Turn turn) throws IOException {
        List<ApiMessage> wire = messages.stream()
                .map(m -> new ApiMessage(m.role(), m.content(),
                        m.thinking() == null || m.thinking().isEmpty() ? null : m.thinking()))
                .toList();
        return answerer.chat(new ChatRequest(model, wire, turn.parameters(), turn.think(), keepAlive, turn.format(),
                null), turn.hideThinking(), turn.verbose());
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
    public ModelTexts texts(String system, Map<String, Object> parameters) throws IOException {
        ModelInfo info = client.show(model, system, parameters);
        return new ModelTexts(info.license(), info.modelfile(), info.parameters(), info.system(), info.template());
    }

    /**
     * As Ollama's {@code /load}: show first (a missing model is a 404, and is not pulled), then an
     * empty generate to load it. A model that can think is asked to unless the session said
     * otherwise, as {@code run} asks it.
     */
    @Override
    public void load(String newModel, Object think) throws IOException {
        ModelInfo info = client.show(newModel, false);
        Object loadThink = think != null ? think : info.has("thinking") ? Boolean.TRUE : null;
        answerer.preload(GenerateRequest.load(newModel, keepAlive, loadThink));
        model = newModel;
    }

    /** As Ollama's {@code /save}: no progress is shown, only the outcome. */
    @Override
    public void save(String name, SavedSession session) throws IOException {
        client.create(session.toCreateRequest(name, model), progress -> { });
    }

    @Override
    public void list(String prefix, PrintStream to) throws IOException {
        ListCommand.print(client, prefix, to);
    }
}
