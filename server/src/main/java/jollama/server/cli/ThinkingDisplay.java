package jollama.server.cli;

import java.io.PrintStream;

/**
 * Shows an answer's thinking and content as {@code ollama run} does: the thinking between
 * "Thinking..." and "...done thinking." (grey and bold on a terminal, not shown with
 * --hidethinking), then the content; and keeps both texts for the conversation history.
 */
final class ThinkingDisplay implements ThinkingSplitter.Sink {

    // Ollama's readline colours
    private static final String GREY = "\033[38;5;245m";
    private static final String BOLD = "\033[1m";
    private static final String DEFAULT = "\033[0m";

    private final PrintStream out;
    private final boolean colour;
    private final boolean hideThinking;
    private final Runnable beforeOutput;
    private final StringBuilder content = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private boolean started;
    private boolean thinkingOpen;

    /**
     * @param colour       whether to draw colours (stdout is a terminal)
     * @param beforeOutput runs once, before the first visible text (stops the spinner)
     */
    ThinkingDisplay(PrintStream out, boolean colour, boolean hideThinking, Runnable beforeOutput) {
        this.out = out;
        this.colour = colour;
        this.hideThinking = hideThinking;
        this.beforeOutput = beforeOutput;
    }

    @Override
    public void thinking(String text) {
        thinking.append(text);
        if (hideThinking) {
            return;
        }
        start();
        if (!thinkingOpen) {
            out.print(colour ? GREY + BOLD + "Thinking...\n" + DEFAULT + GREY : "Thinking...\n");
            thinkingOpen = true;
        }
        out.print(text);
        out.flush();
    }

    @Override
    public void content(String text) {
        start();
        closeThinking();
        content.append(text);
        out.print(text);
        out.flush();
    }

    /** The answer has ended; one cut off while thinking must not leave the terminal grey. */
    void end() {
        if (thinkingOpen && colour) {
            out.print(DEFAULT);
        }
        out.flush();
    }

    String content() {
        return content.toString();
    }

    String thinkingText() {
        return thinking.toString();
    }

    private void closeThinking() {
        if (!thinkingOpen) {
            return;
        }
        if (!thinking.toString().endsWith("\n")) {
            out.println();
        }
        out.print(colour ? GREY + BOLD + "...done thinking.\n\n" + DEFAULT : "...done thinking.\n\n");
        thinkingOpen = false;
    }

    private void start() {
        if (!started) {
            started = true;
            beforeOutput.run();
        }
    }
}
