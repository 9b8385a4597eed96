package jollama.engine.parse;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Ollama's generic tool-call parser (tools/tools.go) for template models without a built-in parser. Fed the
 * content stream (after thinking extraction), it looks for the tool-call tag inferred from the template
 * ({@code <tool_call>}, {@code [TOOL_CALLS]}, ...; {@code "{"} when none, meaning any JSON object).
 *
 * <ul>
 *   <li>Text before the tag is content; a partial tag at the end of the text is held back. With a
 *       {@code "{"} or {@code "["} tag, non-blank text before it switches tool parsing off for the rest of
 *       the response (everything is content).</li>
 *   <li>After the tag, a call needs a known tool name (the first one in the text; the longer on a tie;
 *       nothing is decided while the text ends with a proper prefix of a name) and then the first balanced
 *       JSON object that parses; {@link ArgumentsLocator} picks the arguments from it. Calls are numbered
 *       in order and the text up to the end of the object (or name, if later) is consumed.</li>
 *   <li>With a {@code "{"}/{@code "["} tag, once the remaining text holds a closed group that gave no call,
 *       parsing stops and the text goes out as content.</li>
 *   <li>A feed that produces a call has its content cleared (Ollama's chat handler does this).</li>
 *   <li>{@link #finish()}: held text is sent as content only when no call appeared at all.</li>
 * </ul>
 * Differences from Ollama: the text consumed by a call ends after the object's closing brace (Ollama keeps
 * that brace), and braces inside JSON strings never count when looking for a closed group.
 */
public final class JsonToolCallParser implements OutputParser {

    private enum State {
        LOOKING_FOR_TAG,
        CALLING,
        OFF
    }

    private record NameMatch(String name, int end) {
    }

    private final String tag;
    private final List<String> toolNames;
    private final int longestName;
    private final boolean bracketTag;
    private final StringBuilder buffer = new StringBuilder();
    private final EventSink sink = new EventSink();
    private final ToolCallSequence calls;
    private State state = State.LOOKING_FOR_TAG;
    private boolean anyCall;
    /** Non-blank text was sent before any tag (checked over the whole response, not just this piece). */
    private boolean proseSeen;
    private boolean finished;

    /**
     * @param tag       the tool-call tag inferred from the template; null or empty means {@code "{"}
     * @param toolNames the names of the request's tools (only these are recognised)
     * @param random    source of the tool-call ids
     */
    public JsonToolCallParser(String tag, List<String> toolNames, RandomGenerator random) {
        this.tag = tag == null || tag.isEmpty() ? "{" : tag;
        this.toolNames = toolNames.stream().filter(n -> !n.isEmpty()).toList();
        this.longestName = this.toolNames.stream().mapToInt(String::length).max().orElse(0);
        this.bracketTag = this.tag.equals("{") || this.tag.equals("[");
        this.calls = new ToolCallSequence(Objects.requireNonNull(random, "random"));
    }

    @Override
    public List<ParseEvent> feed(String piece) {
        if (finished) {
            throw new IllegalStateException("parser already finished");
        }
        if (state == State.OFF) {
            sink.content(piece);
            return sink.drain();
        }
        buffer.append(piece);
        if (state == State.LOOKING_FOR_TAG && !findTag()) {
            return sink.drain();
        }
        boolean called = false;
        for (ParseEvent.ToolCall call = nextCall(); call != null; call = nextCall()) {
            sink.add(call);
            called = true;
            anyCall = true;
        }
        if (bracketTag && BalancedJson.groupCloses(buffer, tag.charAt(0), tag.equals("{") ? '}' : ']')) {
            state = State.OFF;
            sink.content(buffer.toString());
            buffer.setLength(0);
        }
        if (called) {
            sink.dropContent();
        }
        return sink.drain();
    }

    @Override
    public List<ParseEvent> finish() {
        if (finished) {
            throw new IllegalStateException("parser already finished");
        }
        finished = true;
        if (!anyCall) {
            sink.content(buffer.toString());
        }
        buffer.setLength(0);
        return sink.drain();
    }

    /** Sends the text before the tag as content; true once the whole tag is in the buffer. */
    private boolean findTag() {
        String acc = buffer.toString();
        int at = acc.indexOf(tag);
        boolean whole = at >= 0;
        if (!whole) {
            int partial = Whitespace.overlap(acc, tag);
            at = partial > 0 ? acc.length() - partial : -1;
        }
        if (at < 0) {
            sink.content(acc);
            buffer.setLength(0);
            proseSeen |= !Whitespace.isBlank(acc);
            return false;
        }
        String before = acc.substring(0, at);
        if (bracketTag && (proseSeen || !Whitespace.isBlank(before))) {
            // A brace after prose is most likely not a call: stop looking for the rest of the response.
            state = State.OFF;
            sink.content(acc);
            buffer.setLength(0);
            return false;
        }
        sink.content(before);
        buffer.delete(0, at);
        if (whole) {
            state = State.CALLING;
        }
        return whole;
    }

    /** The next complete call at the front of the buffer, consumed; null when there is none (yet). */
    private ParseEvent.ToolCall nextCall() {
        NameMatch tool = findTool();
        if (tool == null) {
            return null;
        }
        var parsed = new Object() {
            Map<String, Object> object;
        };
        int objectEnd = BalancedJson.firstObject(buffer,
                (start, end) -> (parsed.object = OrderedJson.objectOrNull(buffer.substring(start, end))) != null);
        if (objectEnd < 0) {
            return null;
        }
        Optional<Map<String, Object>> arguments = ArgumentsLocator.arguments(parsed.object, tool.name());
        if (arguments.isEmpty()) {
            return null;
        }
        buffer.delete(0, Math.max(tool.end(), objectEnd));
        return calls.next(tool.name(), arguments.get());
    }

    /** The first known tool name in the buffer, or null when none is there or one may still be cut. */
    private NameMatch findTool() {
        if (buffer.isEmpty()) {
            return null;
        }
        for (int n = 1; n <= Math.min(buffer.length(), longestName); n++) {
            String tail = buffer.substring(buffer.length() - n);
            for (String name : toolNames) {
                if (tail.length() < name.length() && name.startsWith(tail)) {
                    return null;
                }
            }
        }
        String best = null;
        int bestAt = -1;
        for (String name : toolNames) {
            int at = buffer.indexOf(name);
            if (at < 0 || (best != null && (at > bestAt || (at == bestAt && name.length() <= best.length())))) {
                continue;
            }
            best = name;
            bestAt = at;
        }
        return best == null ? null : new NameMatch(best, bestAt + best.length());
    }
}
