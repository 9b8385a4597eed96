package jollama.server.cli;

import jollama.engine.generate.DoneReason;
import jollama.engine.generate.Generation;
import jollama.engine.generate.GenerationResult;

import java.io.PrintStream;

/** Streams one generation to the terminal as it is produced, thinking and content apart. */
final class ReplyPrinter {

    /** What the answer was: its content and thinking kept apart, as a chat message keeps them. */
    record Reply(String content, String thinking, GenerationResult result) {
        boolean cancelled() {
            return result.doneReason() == DoneReason.CANCELLED;
        }
    }

    private final PrintStream out;
    private final boolean colour;
    private final boolean hideThinking;

    ReplyPrinter(PrintStream out, boolean colour, boolean hideThinking) {
        this.out = out;
        this.colour = colour;
        this.hideThinking = hideThinking;
    }

    /**
     * Prints the generation to its end (or until it is cancelled) and closes it.
     *
     * @param splitThinking    whether to look for a thinking block at all
     * @param promptOpensThink whether the prompt already opened the thinking block
     * @param beforeOutput     runs before the first visible text (stops the spinner)
     */
    Reply print(Generation generation, boolean splitThinking, boolean promptOpensThink, Runnable beforeOutput) {
        ThinkingDisplay display = new ThinkingDisplay(out, colour, hideThinking, beforeOutput);
        ThinkingSplitter splitter = new ThinkingSplitter(splitThinking, promptOpensThink, display);
        try (generation) {
            while (generation.hasNext()) {
                splitter.accept(generation.next().text());
            }
        }
        splitter.finish();
        display.end();
        return new Reply(display.content(), display.thinkingText(), generation.result());
    }
}
