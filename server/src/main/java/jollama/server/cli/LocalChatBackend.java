package jollama.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import jollama.engine.chat.ChatMessage;
import jollama.engine.sampling.GenerationOptions;
import jollama.engine.structured.JsonConstraint;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The chat over a model file loaded in this process ({@code jollama run FILE.gguf}). There is no
 * model store here, so {@code /load}, {@code /save} and {@code /list}, which name stored models,
 * say that they need the server instead.
 */
final class LocalChatBackend implements ChatBackend {

    static final String NEEDS_SERVER = " needs a model served by 'jollama serve': start it, then run the model"
            + " by name rather than as a .gguf file";

    private final ModelHandle handle;
    private final Answerer answerer;

    LocalChatBackend(ModelHandle handle, PrintStream out, PrintStream err, boolean terminal) {
        this.handle = handle;
        this.answerer = new Answerer(out, err, terminal);
    }

    @Override
    public Answer answer(List<ChatMessage> messages, Turn turn) throws IOException {
        GenerationOptions options = GenerationOptions.defaults().withOverrides(turn.parameters());
        ReplyPrinter.Reply reply = answerer.answer(handle, messages, options, think(turn.think()),
                turn.hideThinking(), turn.verbose(), constraint(turn.format()));
        return new Answer(reply.content(), reply.thinking(), reply.cancelled());
    }

    /** The chat template here only switches thinking on or off: a level means on. */
    private static Boolean think(Object think) {
        return think == null ? null : think instanceof Boolean b ? b : Boolean.TRUE;
    }

    private static JsonConstraint constraint(Object format) {
        return switch (format) {
            case null -> null;
            case JsonNode schema -> JsonConstraint.compile(schema);
            default -> JsonConstraint.json(); // the session only ever sets "json"
        };
    }

    @Override
    public boolean cancel() {
        return answerer.cancel();
    }

    @Override
    public void showInfo(PrintStream to) {
        ModelInfoTable.print(handle.model(), to);
    }

    /** A bare model file has a licence and a template in its metadata, and nothing else of a Modelfile. */
    @Override
    public ModelTexts texts(String system, Map<String, Object> parameters) {
        var metadata = handle.model().metadata();
        return new ModelTexts(metadata.optionalString("general.license").orElse(null), null, null, null,
                metadata.optionalString("tokenizer.chat_template").orElse(null));
    }

    @Override
    public void load(String model, Object think) throws IOException {
        throw new IOException("/load" + NEEDS_SERVER);
    }

    @Override
    public void save(String name, SavedSession session) throws IOException {
        throw new IOException("/save" + NEEDS_SERVER);
    }

    @Override
    public void list(String prefix, PrintStream to) throws IOException {
        throw new IOException("/list" + NEEDS_SERVER);
    }
}
