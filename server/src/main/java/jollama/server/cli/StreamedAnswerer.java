package jollama.server.cli;

import jollama.server.client.Cancellation;
import jollama.server.client.ChatRequest;
import jollama.server.client.GenerateRequest;
import jollama.server.client.OllamaClient;
import jollama.server.client.ReplyChunk;

import java.io.IOException;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * One reply streamed from a server, shown as {@code ollama run} shows it: a spinner until the
 * first text, the thinking between "Thinking..." and "...done thinking.", the content, a blank
 * line, and with verbose the timing block on stderr. Ctrl-C ({@link #cancel()}) closes the
 * stream, which makes the server stop generating.
 */
final class StreamedAnswerer {

    /** A call that streams chunks to a consumer until the reply ends or is cancelled. */
    @FunctionalInterface
    private interface Exchange {
        ReplyChunk run(Consumer<ReplyChunk> each, Cancellation cancel) throws IOException;
    }

    private final OllamaClient client;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private volatile Cancellation current;

    /** @param terminal whether stdout is a terminal: spinner and colours only there */
    StreamedAnswerer(OllamaClient client, PrintStream out, PrintStream err, boolean terminal) {
        this.client = client;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /** A chat turn ({@code /api/chat}); the reply is followed by a blank line. */
    ChatBackend.Answer chat(ChatRequest request, boolean hideThinking, boolean verbose) throws IOException {
        return answer((each, cancel) -> client.chat(request, each, cancel), hideThinking, verbose, true);
    }

    /** A one-shot answer ({@code /api/generate}); the blank line only follows a non-empty prompt, as in Ollama. */
    ChatBackend.Answer generate(GenerateRequest request, boolean hideThinking, boolean verbose) throws IOException {
        boolean prompted = request.prompt() != null && !request.prompt().isEmpty();
        return answer((each, cancel) -> client.generate(request, each, cancel), hideThinking, verbose, prompted);
    }

    /**
     * Loads the model without generating (an empty generate), the spinner turning meanwhile, so
     * that a model that cannot load, or a think it cannot do, fails before the first prompt.
     */
    void preload(GenerateRequest request) throws IOException {
        try (Spinner spinner = Spinner.start(err, terminal)) {
            client.generate(request, chunk -> { }, new Cancellation());
            spinner.stop();
        }
    }

    /** Stops the reply being streamed; safe from any thread (the Ctrl-C handler). */
    boolean cancel() {
        Cancellation c = current;
        if (c == null) {
            return false;
        }
        c.cancel();
        return true;
    }

    private ChatBackend.Answer answer(Exchange exchange, boolean hideThinking, boolean verbose, boolean blankLine)
            throws IOException {
        Cancellation cancel = new Cancellation();
        try (Spinner spinner = Spinner.start(err, terminal)) {
            ThinkingDisplay display = new ThinkingDisplay(out, terminal, hideThinking, spinner::stop);
            ReplyChunk last;
            current = cancel;
            try {
                last = exchange.run(chunk -> {
                    String thinking = chunk.thinkingText();
                    if (!thinking.isEmpty()) {
                        display.thinking(thinking);
                    }
                    String content = chunk.content();
                    if (!content.isEmpty()) {
                        display.content(content);
                    }
                }, cancel);
            } finally {
                current = null;
                display.end();
                spinner.stop();
            }
            if (last == null) { // Ctrl-C
                out.println();
                out.flush();
                return new ChatBackend.Answer(display.content(), display.thinkingText(), true);
            }
            if (blankLine) {
                out.println();
                out.println();
            }
            out.flush();
            if (verbose && last.done()) {
                new Metrics(last.totalDuration(), last.loadDuration(), last.promptEvalCount(),
                        last.promptEvalDuration(), last.evalCount(), last.evalDuration()).printSummary(err);
            }
            return new ChatBackend.Answer(display.content(), display.thinkingText(), false);
        }
    }
}
