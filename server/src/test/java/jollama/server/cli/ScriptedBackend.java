package jollama.server.cli;

import jollama.engine.chat.ChatMessage;
import jollama.server.client.ApiException;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A chat backend with no model behind it, for the tests of the session's commands: it answers
 * "answer N", knows a fixed set of models for {@code /load}, and records what it was asked.
 */
final class ScriptedBackend implements ChatBackend {

    private final PrintStream out;
    private final Set<String> models;
    final List<Turn> turns = new ArrayList<>();
    final Map<String, SavedSession> saved = new LinkedHashMap<>();
    final List<String> loads = new ArrayList<>();
    String model;
    ModelTexts texts = new ModelTexts(null, null, null, null, null);

    ScriptedBackend(PrintStream out, String model, Set<String> models) {
        this.out = out;
        this.model = model;
        this.models = models;
    }

    @Override
    public Answer answer(List<ChatMessage> messages, Turn turn) {
        turns.add(turn);
        String content = "answer " + turns.size();
        out.print(content + "\n\n");
        return new Answer(content, "", false);
    }

    @Override
    public boolean cancel() {
        return false;
    }

    @Override
    public void showInfo(PrintStream to) {
        to.println("  Model");
    }

    @Override
    public ModelTexts texts(String system, Map<String, Object> parameters) {
        return texts;
    }

    @Override
    public void load(String newModel, Object think) throws ApiException {
        loads.add(newModel);
        if (!models.contains(newModel)) {
            throw new ApiException(404, "model '" + newModel + "' not found");
        }
        model = newModel;
    }

    @Override
    public void save(String name, SavedSession session) {
        saved.put(name, session);
    }

    @Override
    public void list(String prefix, PrintStream to) {
        to.println("NAME    ID    SIZE    MODIFIED");
    }
}
