package jollama.engine.parse;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Ollama's built-in Qwen3 parser ({@code qwen3}, {@code qwen3-thinking}): thinking up to {@code </think>},
 * then content with {@code <tool_call>{json}</tool_call>} blocks.
 *
 * <ul>
 *   <li>In thinking (the prompt already ended with {@code <think>}): one leading {@code <think>} the model
 *       repeats anyway is dropped with the whitespace around it. Thinking ends at {@code </think>}, or at a
 *       {@code <tool_call>} that comes first. Whitespace before either tag is cut off the thinking, and
 *       whitespace after {@code </think>} is eaten.</li>
 *   <li>In content: text before {@code <tool_call>} is sent right-trimmed; whitespace after the tag is eaten;
 *       the body up to {@code </tool_call>} becomes a call; leading whitespace after the block is eaten.
 *       {@code <think>} and {@code </think>} are plain text here.</li>
 *   <li>A piece ending in a prefix of an awaited tag, or in whitespace, is held back until the next piece.</li>
 *   <li>A body that is not JSON, or has an empty name, throws {@link OutputParseException}
 *       ({@code failed to parse JSON: ...} / {@code empty function name}).</li>
 * </ul>
 *
 * <p>Two deliberate differences from Ollama, both so that the result never depends on where the text was
 * cut: whitespace after {@code </tool_call>} is eaten even when it arrives in a later piece, and a
 * {@code <think>} arriving right after the dropped one is kept as thinking text. And {@link #finish()}
 * flushes what is held back (Ollama ignores the end and loses trailing whitespace): held thinking as
 * thinking, held content as content, and the body of an unclosed {@code <tool_call>} as content.
 */
public final class Qwen3OutputParser implements OutputParser {

    static final String THINK_OPEN = "<think>";
    static final String THINK_CLOSE = "</think>";
    static final String TOOL_OPEN = "<tool_call>";
    static final String TOOL_CLOSE = "</tool_call>";

    /** Where the output begins. */
    public enum Start {
        /** The prompt ended with {@code <think>}: the output is thinking until {@code </think>}. */
        THINKING,
        /** Thinking is off: everything is content (and tool calls). */
        CONTENT,
        /**
         * Thinking if the output opens with {@code <think>} (after optional whitespace), else content:
         * what llama-server's reasoning extraction does for models rendered with their own Jinja
         * template, which decide themselves whether to think.
         */
        DETECT
    }

    private enum State {
        DETECT_THINK_OPEN,
        THINKING,
        THINK_OPENED_EATING_SPACE,
        THINK_CLOSED_EATING_SPACE,
        CONTENT,
        TOOL_OPENED_EATING_SPACE,
        TOOL_BODY,
        TOOL_CLOSED_EATING_SPACE
    }

    private final StringBuilder buffer = new StringBuilder();
    private final EventSink sink = new EventSink();
    private final ToolCallSequence calls;
    private State state;
    /** True until the first non-space thinking text shows whether the model repeated {@code <think>}. */
    private boolean mayRepeatThinkOpen;
    private boolean closed;

    /**
     * @param startInThinking true when the prompt ended with {@code <think>} (thinking on)
     * @param random          source of the tool-call ids
     */
    public Qwen3OutputParser(boolean startInThinking, RandomGenerator random) {
        this(startInThinking ? Start.THINKING : Start.CONTENT, random);
    }

    public Qwen3OutputParser(Start start, RandomGenerator random) {
        this.calls = new ToolCallSequence(random);
        this.state = switch (start) {
            case THINKING -> State.THINKING;
            case CONTENT -> State.CONTENT;
            case DETECT -> State.DETECT_THINK_OPEN;
        };
        this.mayRepeatThinkOpen = start == Start.THINKING;
    }

    /**
     * The parser for an Ollama parser name. {@code qwen3} never thinks; {@code qwen3-thinking} and
     * {@code qwen3.5} think unless {@code think} is false ({@code null} = the request left it out; a level
     * such as "high" counts as true).
     */
    public static Qwen3OutputParser forName(String parserName, Boolean think, RandomGenerator random) {
        boolean thinking = switch (parserName) {
            case "qwen3" -> false;
            case "qwen3-thinking", "qwen3.5" -> think == null || think;
            default -> throw new IllegalArgumentException("not a Qwen3 parser: " + parserName);
        };
        return new Qwen3OutputParser(thinking, random);
    }

    /** Strings the detokeniser must leave visible in the output for this parser to see them. */
    public static List<String> preservedTokens() {
        return List.of(THINK_OPEN, THINK_CLOSE, TOOL_OPEN, TOOL_CLOSE);
    }

    @Override
    public List<ParseEvent> feed(String piece) {
        if (closed) {
            throw new IllegalStateException("parser already finished or failed");
        }
        buffer.append(piece);
        try {
            while (step()) {
                // each step consumes a tag or changes state; stop when the buffer needs more text
            }
        } catch (OutputParseException e) {
            closed = true;
            throw new OutputParseException(e.getMessage(), sink.drain());
        }
        return sink.drain();
    }

    @Override
    public List<ParseEvent> finish() {
        if (closed) {
            throw new IllegalStateException("parser already finished or failed");
        }
        closed = true;
        String held = buffer.toString();
        buffer.setLength(0);
        switch (state) {
            case THINKING -> sink.thinking(held);
            case CONTENT, TOOL_BODY, DETECT_THINK_OPEN -> sink.content(held);
            default -> {
                // the eating states never hold text: a step empties the buffer when it is all whitespace
            }
        }
        return sink.drain();
    }

    /** Runs the current state once; true when it made progress and should run again. */
    private boolean step() {
        return switch (state) {
            case DETECT_THINK_OPEN -> detectThinkOpen();
            case THINK_OPENED_EATING_SPACE -> eatSpaceThen(State.THINKING);
            case THINK_CLOSED_EATING_SPACE, TOOL_CLOSED_EATING_SPACE -> eatSpaceThen(State.CONTENT);
            case TOOL_OPENED_EATING_SPACE -> eatSpaceThen(State.TOOL_BODY);
            case THINKING -> thinking();
            case CONTENT -> content();
            case TOOL_BODY -> toolBody();
        };
    }

    /** Drops leading whitespace; once other text is there, moves on to {@code next} with it. */
    private boolean eatSpaceThen(State next) {
        String trimmed = Whitespace.trimLeft(buffer);
        buffer.setLength(0);
        if (trimmed.isEmpty()) {
            return false;
        }
        buffer.append(trimmed);
        state = next;
        return true;
    }

    /** Waits until the output has shown whether it opens with {@code <think>}. */
    private boolean detectThinkOpen() {
        String trimmed = Whitespace.trimLeft(buffer);
        if (trimmed.startsWith(THINK_OPEN)) {
            replaceBuffer(trimmed.substring(THINK_OPEN.length()));
            state = State.THINK_OPENED_EATING_SPACE;
            return true;
        }
        if (THINK_OPEN.startsWith(trimmed)) {
            return false; // only whitespace so far, or a cut "<thi"
        }
        state = State.CONTENT;
        return true;
    }

    private boolean thinking() {
        if (mayRepeatThinkOpen) {
            String trimmed = Whitespace.trimLeft(buffer);
            if (trimmed.startsWith(THINK_OPEN)) {
                replaceBuffer(trimmed.substring(THINK_OPEN.length()));
                mayRepeatThinkOpen = false;
                state = State.THINK_OPENED_EATING_SPACE;
                return true;
            }
            if (THINK_OPEN.startsWith(trimmed)) {
                return false; // only whitespace, or a cut "<thi": wait
            }
            mayRepeatThinkOpen = false;
        }
        String acc = buffer.toString();
        int close = acc.indexOf(THINK_CLOSE);
        int tool = acc.indexOf(TOOL_OPEN);
        if (tool >= 0 && (close < 0 || tool < close)) {
            sink.thinking(Whitespace.trimRight(acc.substring(0, tool)));
            replaceBuffer(acc.substring(tool + TOOL_OPEN.length()));
            state = State.TOOL_OPENED_EATING_SPACE;
            return true;
        }
        if (close >= 0) {
            sink.thinking(Whitespace.trimRight(acc.substring(0, close)));
            replaceBuffer(acc.substring(close + THINK_CLOSE.length()));
            state = State.THINK_CLOSED_EATING_SPACE;
            return true;
        }
        int partial = Math.max(Whitespace.overlap(acc, THINK_CLOSE), Whitespace.overlap(acc, TOOL_OPEN));
        sink.thinking(takeUnambiguous(acc, partial));
        return false;
    }

    private boolean content() {
        String acc = buffer.toString();
        int tool = acc.indexOf(TOOL_OPEN);
        if (tool >= 0) {
            sink.content(Whitespace.trimRight(acc.substring(0, tool)));
            replaceBuffer(acc.substring(tool + TOOL_OPEN.length()));
            state = State.TOOL_OPENED_EATING_SPACE;
            return true;
        }
        sink.content(takeUnambiguous(acc, Whitespace.overlap(acc, TOOL_OPEN)));
        return false;
    }

    private boolean toolBody() {
        String acc = buffer.toString();
        int close = acc.indexOf(TOOL_CLOSE);
        if (close < 0) {
            return false;
        }
        String body = Whitespace.trimRight(acc.substring(0, close));
        replaceBuffer(acc.substring(close + TOOL_CLOSE.length()));
        state = State.TOOL_CLOSED_EATING_SPACE;
        Qwen3ToolCallBody.Parsed parsed = Qwen3ToolCallBody.parse(body);
        sink.add(calls.next(parsed.name(), parsed.arguments()));
        return true;
    }

    /**
     * Returns the part of {@code acc} that can be sent now and keeps the rest: a trailing partial tag of
     * {@code partial} chars and the whitespace before it (which is cut if the tag completes).
     */
    private String takeUnambiguous(String acc, int partial) {
        int held = acc.length() - partial;
        held -= Whitespace.trailingLength(acc.substring(0, held));
        replaceBuffer(acc.substring(held));
        return acc.substring(0, held);
    }

    private void replaceBuffer(String text) {
        buffer.setLength(0);
        buffer.append(text);
    }
}
