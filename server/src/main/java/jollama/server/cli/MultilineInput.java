package jollama.server.cli;

/**
 * Ollama's {@code """} convention for the interactive chat: a line starting with {@code """}
 * opens a message that runs until a line ending with {@code """}; {@code /set system """...}
 * does the same for the system message. Lines are joined with newlines, the quotes dropped.
 */
final class MultilineInput {

    static final String QUOTES = "\"\"\"";

    /** What a line of input amounts to. */
    sealed interface Result {
    }

    /** Inside a multi-line block: more lines to come. */
    record Pending() implements Result {
    }

    /** A complete user message from a {@code """} block. */
    record Message(String text) implements Result {
    }

    /** A complete system message from {@code /set system """...}. */
    record SystemMessage(String text) implements Result {
    }

    /** An ordinary line: a message or a command. */
    record Line(String text) implements Result {
    }

    private enum Block { NONE, MESSAGE, SYSTEM }

    private final StringBuilder text = new StringBuilder();
    private Block block = Block.NONE;

    /** Whether a block is open, so that the continuation prompt is due. */
    boolean continuing() {
        return block != Block.NONE;
    }

    Result accept(String line) {
        if (block != Block.NONE) {
            return append(line);
        }
        if (line.startsWith(QUOTES)) {
            block = Block.MESSAGE;
            return append(line.substring(QUOTES.length()));
        }
        return new Line(line);
    }

    /** The text after {@code /set system}: the whole message, or the start of a {@code """} block. */
    Result system(String first) {
        if (!first.startsWith(QUOTES)) {
            return new SystemMessage(first);
        }
        block = Block.SYSTEM;
        return append(first.substring(QUOTES.length()));
    }

    /** Drops an unfinished block (Ctrl-C). */
    void reset() {
        text.setLength(0);
        block = Block.NONE;
    }

    private Result append(String line) {
        if (!line.endsWith(QUOTES)) {
            text.append(line).append('\n');
            return new Pending();
        }
        text.append(line, 0, line.length() - QUOTES.length());
        String complete = text.toString();
        Result result = block == Block.SYSTEM ? new SystemMessage(complete) : new Message(complete);
        reset();
        return result;
    }
}
