package jollama.engine.parse;

import java.util.List;
import java.util.Objects;

/**
 * Ollama's generic thinking extraction (thinking/parser.go) for models without a built-in parser, with the
 * opening and closing tags inferred from the chat template (usually {@code <think>} / {@code </think>}).
 *
 * <ul>
 *   <li>Leading whitespace is skipped while looking for the opening tag. If the output begins with it, the
 *       whitespace after it is eaten and thinking runs to the closing tag; the thinking is <em>not</em>
 *       trimmed before that tag. Whitespace after the closing tag is eaten and the rest is content.</li>
 *   <li>If the output does not begin with the opening tag, all of it is content, original whitespace kept,
 *       and later tags are plain text.</li>
 *   <li>Text that could still be the start of the opening tag (at the beginning) or of the closing tag (in
 *       thinking) is held back. {@link #finish()} flushes it: as thinking while thinking, else as content.</li>
 * </ul>
 */
public final class ThinkingTagParser implements OutputParser {

    private enum State {
        LOOKING_FOR_OPEN,
        OPENED_EATING_SPACE,
        THINKING,
        CLOSED_EATING_SPACE,
        DONE
    }

    private final String openTag;
    private final String closeTag;
    private final StringBuilder buffer = new StringBuilder();
    private final EventSink sink = new EventSink();
    private State state;
    private boolean finished;

    /**
     * @param startInThinking true when the rendered prompt ends with the opening tag (after trimming
     *                        whitespace), i.e. the template opened the thinking block itself
     */
    public ThinkingTagParser(String openTag, String closeTag, boolean startInThinking) {
        this.openTag = requireTag(openTag, "openTag");
        this.closeTag = requireTag(closeTag, "closeTag");
        // Ollama feeds the opening tag to the parser first in that case; that leaves it here.
        this.state = startInThinking ? State.OPENED_EATING_SPACE : State.LOOKING_FOR_OPEN;
    }

    /** Convenience for the common {@code <think>} / {@code </think>} pair. */
    public static ThinkingTagParser think(boolean startInThinking) {
        return new ThinkingTagParser("<think>", "</think>", startInThinking);
    }

    private static String requireTag(String tag, String what) {
        Objects.requireNonNull(tag, what);
        if (tag.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return tag;
    }

    @Override
    public List<ParseEvent> feed(String piece) {
        if (finished) {
            throw new IllegalStateException("parser already finished");
        }
        buffer.append(piece);
        while (step()) {
            // repeat while a tag was consumed
        }
        return sink.drain();
    }

    @Override
    public List<ParseEvent> finish() {
        if (finished) {
            throw new IllegalStateException("parser already finished");
        }
        finished = true;
        String held = buffer.toString();
        buffer.setLength(0);
        if (state == State.THINKING) {
            sink.thinking(held);
        } else {
            sink.content(held);
        }
        return sink.drain();
    }

    private boolean step() {
        String acc = buffer.toString();
        switch (state) {
            case LOOKING_FOR_OPEN -> {
                String trimmed = Whitespace.trimLeft(acc);
                if (trimmed.startsWith(openTag)) {
                    replaceBuffer(trimmed.substring(openTag.length()));
                    state = State.OPENED_EATING_SPACE;
                    return true;
                }
                if (openTag.startsWith(trimmed)) {
                    return false; // whitespace only, or a cut opening tag: wait
                }
                state = State.DONE;
                buffer.setLength(0);
                sink.content(acc);
                return false;
            }
            case OPENED_EATING_SPACE -> {
                String trimmed = Whitespace.trimLeft(acc);
                replaceBuffer(trimmed);
                if (trimmed.isEmpty()) {
                    return false;
                }
                state = State.THINKING;
                return true;
            }
            case THINKING -> {
                int close = acc.indexOf(closeTag);
                if (close >= 0) {
                    sink.thinking(acc.substring(0, close));
                    replaceBuffer(acc.substring(close + closeTag.length()));
                    state = State.CLOSED_EATING_SPACE;
                    return true;
                }
                int partial = Whitespace.overlap(acc, closeTag);
                sink.thinking(acc.substring(0, acc.length() - partial));
                replaceBuffer(acc.substring(acc.length() - partial));
                return false;
            }
            case CLOSED_EATING_SPACE -> {
                String trimmed = Whitespace.trimLeft(acc);
                buffer.setLength(0);
                if (!trimmed.isEmpty()) {
                    state = State.DONE;
                    sink.content(trimmed);
                }
                return false;
            }
            case DONE -> {
                buffer.setLength(0);
                sink.content(acc);
                return false;
            }
        }
        throw new AssertionError(state);
    }

    private void replaceBuffer(String text) {
        buffer.setLength(0);
        buffer.append(text);
    }
}
