package jollama.server.cli;

/**
 * Splits streamed model output into thinking and content the way Ollama's generic thinking
 * parser does (ollama-api.md §6.3): leading whitespace is skipped; output that begins with
 * {@code <think>} is thinking up to {@code </think>}, the whitespace after either tag is eaten,
 * and the rest is content. Output that does not begin with the tag is all content, its
 * whitespace kept. Text that may be the start of a tag is held back until it is clear.
 */
final class ThinkingSplitter {

    static final String OPEN = "<think>";
    static final String CLOSE = "</think>";

    /** Receives the text as it is split. */
    interface Sink {
        void thinking(String text);

        void content(String text);
    }

    private enum State { BEFORE_OPEN, AFTER_OPEN, THINKING, AFTER_CLOSE, CONTENT }

    private final Sink sink;
    private final StringBuilder held = new StringBuilder();
    private State state;

    /**
     * @param enabled         false passes everything through as content (thinking turned off)
     * @param promptOpensThink true when the prompt already ends with {@code <think>}: the output starts inside it
     */
    ThinkingSplitter(boolean enabled, boolean promptOpensThink, Sink sink) {
        this.sink = sink;
        this.state = !enabled ? State.CONTENT : promptOpensThink ? State.AFTER_OPEN : State.BEFORE_OPEN;
    }

    /** Whether a rendered prompt leaves the model inside a thinking block. */
    static boolean opensThinking(String prompt) {
        return prompt.stripTrailing().endsWith(OPEN);
    }

    void accept(String text) {
        if (text.isEmpty()) {
            return;
        }
        if (state == State.CONTENT) {
            sink.content(text);
            return;
        }
        held.append(text);
        boolean progressed = true;
        while (progressed && !held.isEmpty()) {
            progressed = step();
        }
    }

    /** The output has ended: whatever was held back is released. */
    void finish() {
        String rest = held.toString();
        held.setLength(0);
        switch (state) {
            case BEFORE_OPEN -> sink.content(rest);
            case THINKING -> sink.thinking(rest);
            default -> { } // only whitespace that would have been eaten
        }
    }

    /** Advances on the held text; false when it must wait for more. */
    private boolean step() {
        switch (state) {
            case BEFORE_OPEN -> {
                String trimmed = held.toString().stripLeading();
                if (trimmed.startsWith(OPEN)) {
                    held.setLength(0);
                    held.append(trimmed.substring(OPEN.length()));
                    state = State.AFTER_OPEN;
                    return true;
                }
                if (trimmed.isEmpty() || OPEN.startsWith(trimmed)) {
                    return false;
                }
                state = State.CONTENT;
                sink.content(takeAll());
                return false;
            }
            case AFTER_OPEN, AFTER_CLOSE -> {
                String trimmed = held.toString().stripLeading();
                held.setLength(0);
                held.append(trimmed);
                if (trimmed.isEmpty()) {
                    return false;
                }
                if (state == State.AFTER_CLOSE) {
                    state = State.CONTENT;
                    sink.content(takeAll());
                    return false;
                }
                state = State.THINKING;
                return true;
            }
            case THINKING -> {
                int close = held.indexOf(CLOSE);
                if (close >= 0) {
                    String thinking = held.substring(0, close);
                    held.delete(0, close + CLOSE.length());
                    if (!thinking.isEmpty()) {
                        sink.thinking(thinking);
                    }
                    state = State.AFTER_CLOSE;
                    return true;
                }
                int keep = partialTagLength(held, CLOSE);
                if (held.length() > keep) {
                    String thinking = held.substring(0, held.length() - keep);
                    held.delete(0, held.length() - keep);
                    sink.thinking(thinking);
                }
                return false;
            }
            default -> {
                sink.content(takeAll());
                return false;
            }
        }
    }

    private String takeAll() {
        String s = held.toString();
        held.setLength(0);
        return s;
    }

    /** The length of the longest end of {@code text} that is a proper start of {@code tag}. */
    private static int partialTagLength(CharSequence text, String tag) {
        for (int n = Math.min(tag.length() - 1, text.length()); n > 0; n--) {
            boolean match = true;
            for (int i = 0; i < n && match; i++) {
                match = text.charAt(text.length() - n + i) == tag.charAt(i);
            }
            if (match) {
                return n;
            }
        }
        return 0;
    }
}
