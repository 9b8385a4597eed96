package jollama.server.cli;

import jollama.engine.chat.ChatMessage;
import jollama.engine.sampling.GenerationOptions;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The chat over a model file loaded in this process ({@code jollama run FILE.gguf}). */
final class LocalChatBackend implements ChatBackend {

    private final ModelHandle handle;
    private final Answerer answerer;

    LocalChatBackend(ModelHandle handle, PrintStream out, PrintStream err, boolean terminal) {
        this.handle = handle;
        this.answerer = new Answerer(out, err, terminal);
    }

    @Override
    public Answer answer(List<ChatMessage> messages, Map<String, Object> parameters, Boolean think,
                         boolean hideThinking, boolean verbose) throws IOException {
        GenerationOptions options = GenerationOptions.defaults().withOverrides(parameters);
        ReplyPrinter.Reply reply = answerer.answer(handle, messages, options, think, hideThinking, verbose);
        return new Answer(reply.content(), reply.thinking(), reply.cancelled());
    }

    @Override
    public boolean cancel() {
        return answerer.cancel();
    }

    @Override
    public void showInfo(PrintStream to) {
        ModelInfoTable.print(handle.model(), to);
    }

    @Override
    public String template() {
        return handle.model().metadata().optionalString("tokenizer.chat_template").orElse(null);
    }
}
