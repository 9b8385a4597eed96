package jollama.engine.parse;

import static jollama.engine.parse.ParserTestSupport.ID0;
import static jollama.engine.parse.ParserTestSupport.ID1;
import static jollama.engine.parse.ParserTestSupport.allSplits;
import static jollama.engine.parse.ParserTestSupport.assertSplitInvariant;
import static jollama.engine.parse.ParserTestSupport.call;
import static jollama.engine.parse.ParserTestSupport.content;
import static jollama.engine.parse.ParserTestSupport.map;
import static jollama.engine.parse.ParserTestSupport.merged;
import static jollama.engine.parse.ParserTestSupport.thinking;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every way of cutting a representative output into 1, 2 or 3 pieces (and one code point per piece) gives
 * the same events, and nothing sent is ever taken back: tags cut anywhere are held, never streamed.
 */
class Qwen3SplitTest {

    private static Qwen3OutputParser on() {
        return new Qwen3OutputParser(true, new ParserTestSupport.CountingRandom());
    }

    private static Qwen3OutputParser off() {
        return new Qwen3OutputParser(false, new ParserTestSupport.CountingRandom());
    }

    @Test
    void thinkingThenContentThenTwoCalls() {
        String out = "<think>\nWeigh {\"a\": \"}\"} — ü 日本 🙂.\n</think>\n\nSure, calling.\n<tool_call>\n"
                + "{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Zürich\", \"n\": {\"x\": [1, {\"y\": \"}{\"}]}}}\n"
                + "</tool_call>\n<tool_call>\n{\"name\": \"get_time\", \"arguments\": {}}\n</tool_call>\nDone 🙂";
        assertSplitInvariant(Qwen3SplitTest::on, out, List.of(
                thinking("Weigh {\"a\": \"}\"} — ü 日本 🙂."),
                content("Sure, calling."),
                call(ID0, 0, "get_weather", map("city", "Zürich", "n", map("x", List.of(1, map("y", "}{"))))),
                call(ID1, 1, "get_time", map()),
                content("Done 🙂")));
    }

    @Test
    void emptyThinkBlockThenAnswerWithTrailingWhitespace() {
        String out = "<think>\n\n</think>\n\nThe answer is 42.\n";
        assertSplitInvariant(Qwen3SplitTest::on, out, List.of(content("The answer is 42.\n")));
    }

    @Test
    void thinkingCutShortByAToolCall() {
        String out = "I need the time <tool_call>{\"name\":\"t\",\"arguments\":{\"tz\":\"UTC\"}}</tool_call> ok";
        assertSplitInvariant(Qwen3SplitTest::on, out, List.of(
                thinking("I need the time"), call(ID0, 0, "t", map("tz", "UTC")), content("ok")));
    }

    @Test
    void thinkingOffKeepsThinkTagsAndFindsCalls() {
        String out = "<think></think> a <tool_cal> b\n<tool_call>{\"name\":\"f\",\"arguments\":{\"k\":\"</tool_call\"}}"
                + "</tool_call>\n\nend <tool_c";
        assertSplitInvariant(Qwen3SplitTest::off, out, List.of(
                content("<think></think> a <tool_cal> b"),
                call(ID0, 0, "f", map("k", "</tool_call")),
                content("end <tool_c")));
    }

    @Test
    void nearMissTagsAreContent() {
        String out = "x </thin> <tool> <tool_cal <tool_call";
        assertSplitInvariant(Qwen3SplitTest::off, out, List.of(content(out)));
        assertSplitInvariant(Qwen3SplitTest::on, out, List.of(thinking(out)));
    }

    @Test
    void unclosedCallIsFlushedAsContent() {
        String out = "Writing.\n<tool_call>\n{\"name\":\"w\",\"arguments\":{\"c\":\"pri";
        assertSplitInvariant(Qwen3SplitTest::off, out, List.of(
                content("Writing.{\"name\":\"w\",\"arguments\":{\"c\":\"pri")));
    }

    @Test
    void malformedCallFailsTheSameWayForEverySplit() {
        String out = "Hi.\n<tool_call>{\"name\": \"f\", \"arguments\": {\"a\": 1,}}</tool_call>rest";
        for (List<String> pieces : allSplits(out)) {
            Qwen3OutputParser parser = off();
            List<ParseEvent> sent = new ArrayList<>();
            OutputParseException e = assertThrows(OutputParseException.class, () -> {
                for (String piece : pieces) {
                    sent.addAll(parser.feed(piece));
                }
                parser.finish();
            }, () -> "pieces " + pieces);
            sent.addAll(e.eventsBefore());
            assertEquals(List.of(content("Hi.")), merged(sent), () -> "pieces " + pieces);
        }
    }
}
