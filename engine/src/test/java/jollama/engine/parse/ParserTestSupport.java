package jollama.engine.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** Helpers for driving parsers with scripted piece streams. */
final class ParserTestSupport {

    private ParserTestSupport() {
    }

    /** Returns 0, 1, 2, ... 35, 0, ... from nextInt(36), so ids read call_abcdefgh, call_ijklmnop, ... */
    static final class CountingRandom implements RandomGenerator {
        private int next;

        @Override
        public int nextInt(int bound) {
            assertEquals(36, bound, "ids draw from [a-z0-9]");
            return next++ % bound;
        }

        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("only nextInt(bound) is scripted");
        }
    }

    static final String ID0 = "call_abcdefgh";
    static final String ID1 = "call_ijklmnop";
    static final String ID2 = "call_qrstuvwx";

    /** Feeds the pieces, then finishes; returns all events with adjacent text of one kind merged. */
    static List<ParseEvent> run(OutputParser parser, List<String> pieces) {
        List<ParseEvent> all = new ArrayList<>();
        for (String piece : pieces) {
            all.addAll(parser.feed(piece));
        }
        all.addAll(parser.finish());
        return merged(all);
    }

    static List<ParseEvent> run(OutputParser parser, String... pieces) {
        return run(parser, List.of(pieces));
    }

    static List<ParseEvent> merged(List<ParseEvent> events) {
        List<ParseEvent> out = new ArrayList<>();
        for (ParseEvent e : events) {
            ParseEvent last = out.isEmpty() ? null : out.getLast();
            if (e instanceof ParseEvent.Content(String t) && last instanceof ParseEvent.Content(String p)) {
                out.set(out.size() - 1, new ParseEvent.Content(p + t));
            } else if (e instanceof ParseEvent.Thinking(String t) && last instanceof ParseEvent.Thinking(String p)) {
                out.set(out.size() - 1, new ParseEvent.Thinking(p + t));
            } else {
                out.add(e);
            }
        }
        return out;
    }

    static ParseEvent content(String text) {
        return new ParseEvent.Content(text);
    }

    static ParseEvent thinking(String text) {
        return new ParseEvent.Thinking(text);
    }

    static ParseEvent call(String id, int index, String name, Map<String, Object> arguments) {
        return new ParseEvent.ToolCall(id, index, name, arguments);
    }

    /** An insertion-ordered map from alternating keys and values. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /**
     * Asserts equal events; for tool calls also the key order of the arguments, at every depth (map
     * equality ignores order, the string form does not).
     */
    static void assertEvents(List<ParseEvent> expected, List<ParseEvent> actual) {
        assertEquals(expected, actual);
        assertEquals(expected.toString(), actual.toString(), "argument key order");
    }

    /** Code-point boundaries of s (pieces are whole code points: the detokeniser completes UTF-8 first). */
    static List<Integer> cuts(String s) {
        List<Integer> cuts = new ArrayList<>();
        for (int i = 1; i < s.length(); i++) {
            if (!Character.isLowSurrogate(s.charAt(i))) {
                cuts.add(i);
            }
        }
        return cuts;
    }

    /** Every way to cut s into 1, 2 and 3 non-empty pieces. */
    static List<List<String>> allSplits(String s) {
        List<List<String>> splits = new ArrayList<>();
        splits.add(List.of(s));
        List<Integer> cuts = cuts(s);
        for (int a : cuts) {
            splits.add(List.of(s.substring(0, a), s.substring(a)));
        }
        for (int i = 0; i < cuts.size(); i++) {
            for (int j = i + 1; j < cuts.size(); j++) {
                int a = cuts.get(i);
                int b = cuts.get(j);
                splits.add(List.of(s.substring(0, a), s.substring(a, b), s.substring(b)));
            }
        }
        return splits;
    }

    /** Splits into single code points, the finest streaming. */
    static List<String> codePoints(String s) {
        return s.codePoints().mapToObj(Character::toString).toList();
    }

    /**
     * Runs every 1-, 2- and 3-piece split (and the one-code-point-per-piece stream) through a fresh parser,
     * asserting the same events each time, and that streamed content and thinking only ever grow: what was
     * sent is always a prefix of the final text (a held-back tag is never sent and then taken back).
     */
    static void assertSplitInvariant(Supplier<OutputParser> parsers, String output, List<ParseEvent> expected) {
        List<List<String>> splits = new ArrayList<>(allSplits(output));
        splits.add(codePoints(output));
        String finalContent = text(expected, ParseEvent.Content.class);
        String finalThinking = text(expected, ParseEvent.Thinking.class);
        for (List<String> pieces : splits) {
            OutputParser parser = parsers.get();
            List<ParseEvent> all = new ArrayList<>();
            for (String piece : pieces) {
                all.addAll(parser.feed(piece));
                String sentContent = text(all, ParseEvent.Content.class);
                String sentThinking = text(all, ParseEvent.Thinking.class);
                assertTrue(finalContent.startsWith(sentContent), () -> "content " + sentContent + " for " + pieces);
                assertTrue(finalThinking.startsWith(sentThinking), () -> "thinking " + sentThinking + " for " + pieces);
            }
            all.addAll(parser.finish());
            List<ParseEvent> got = merged(all);
            assertEquals(expected, got, () -> "pieces " + pieces);
            assertEquals(expected.toString(), got.toString(), () -> "key order, pieces " + pieces);
        }
    }

    static String text(List<ParseEvent> events, Class<? extends ParseEvent> kind) {
        StringBuilder sb = new StringBuilder();
        for (ParseEvent e : events) {
            if (kind.isInstance(e)) {
                sb.append(e instanceof ParseEvent.Content(String t) ? t : ((ParseEvent.Thinking) e).text());
            }
        }
        return sb.toString();
    }
}
