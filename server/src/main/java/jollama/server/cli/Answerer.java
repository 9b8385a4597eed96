package jollama.server.cli;

import jollama.engine.Model;
import jollama.engine.chat.ChatMessage;
import jollama.engine.generate.Generation;
import jollama.engine.sampling.GenerationOptions;
import jollama.engine.structured.JsonConstraint;
import jollama.models.ContextOverflowException;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One answer to a conversation, shown as {@code ollama run} shows it: spinner until the first
 * text, the streamed reply, a blank line, and with verbose the timing block on stderr. Used by
 * the one-shot run and by every turn of the interactive chat.
 */
final class Answerer {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private volatile Generation current;

    /**
     * @param terminal whether stdout is a terminal: spinner and colours are drawn only there
     */
    Answerer(PrintStream out, PrintStream err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /**
     * Generates and prints the reply to {@code messages} (whose last one is the user's).
     *
     * @param think null for the model's default, else whether it should think
     * @return the reply; {@link ReplyPrinter.Reply#cancelled()} when Ctrl-C stopped it
     * @throws ContextOverflowException when even the last message alone does not fit the context
     */
    ReplyPrinter.Reply answer(ModelHandle handle, List<ChatMessage> messages, GenerationOptions options,
                              Boolean think, boolean hideThinking, boolean verbose) throws IOException {
        return answer(handle, messages, options, think, hideThinking, verbose, null);
    }

    /** As above, the reply held to {@code format} ({@code /set format json}) unless it is null. */
    ReplyPrinter.Reply answer(ModelHandle handle, List<ChatMessage> messages, GenerationOptions options,
                              Boolean think, boolean hideThinking, boolean verbose, JsonConstraint format)
            throws IOException {
        long start = System.nanoTime();
        try (Spinner spinner = Spinner.start(err, terminal)) {
            long loadedBefore = handle.takeLoadNanos(); // the first load happens before the first question
            handle.ensureLoaded(options);
            long loadNanos = loadedBefore + handle.takeLoadNanos();
            Model model = handle.model();
            Capabilities capabilities = Capabilities.of(model);
            Boolean effectiveThink = think != null ? think : capabilities.thinking() ? Boolean.TRUE : null;
            Prompt prompt = fit(model, messages, effectiveThink);
            Generation generation = model.generate(prompt.tokens(), options, -1, format);
            current = generation;
            ReplyPrinter.Reply reply;
            try {
                reply = new ReplyPrinter(out, terminal, hideThinking).print(generation,
                        capabilities.thinking() && effectiveThink != Boolean.FALSE,
                        ThinkingSplitter.opensThinking(prompt.text()), spinner::stop);
            } finally {
                current = null;
            }
            spinner.stop();
            if (reply.cancelled()) {
                out.println();
                out.flush();
                return reply;
            }
            out.println();
            out.println();
            out.flush();
            if (verbose) {
                Metrics.of(start - loadedBefore, loadNanos, reply.result()).printSummary(err);
            }
            return reply;
        }
    }

    /** Stops the answer being generated, if any; safe from any thread (the Ctrl-C handler). */
    boolean cancel() {
        Generation g = current;
        if (g != null) {
            g.cancel();
            return true;
        }
        return false;
    }

    /** A rendered conversation and its tokens. */
    private record Prompt(String text, int[] tokens) {
    }

    /**
     * The conversation as a prompt that fits the context, dropping the oldest messages other than
     * system messages (never the last one) as Ollama does before it gives up.
     */
    private static Prompt fit(Model model, List<ChatMessage> messages, Boolean think) {
        int capacity = model.info().contextLength();
        List<ChatMessage> kept = new ArrayList<>(messages);
        while (true) {
            String text = render(model, kept, think);
            int[] tokens = model.tokenize(text);
            int droppable = firstDroppable(kept);
            if (tokens.length < capacity || droppable < 0) {
                return new Prompt(text, tokens);
            }
            kept.remove(droppable);
        }
    }

    /** Without a chat template Ollama's default template passes the text through: {@code {{ .Prompt }}}. */
    private static String render(Model model, List<ChatMessage> messages, Boolean think) {
        if (model.info().hasChatTemplate()) {
            return model.renderChat(messages, List.of(), think);
        }
        StringBuilder text = new StringBuilder();
        for (ChatMessage m : messages) {
            if (!m.role().equals("system")) {
                text.append(m.content());
            }
        }
        return text.toString();
    }

    private static int firstDroppable(List<ChatMessage> messages) {
        for (int i = 0; i < messages.size() - 1; i++) {
            if (!messages.get(i).role().equals("system")) {
                return i;
            }
        }
        return -1;
    }
}
