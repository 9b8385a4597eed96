package jollama.engine.parse;

import static jollama.engine.parse.ParserTestSupport.ID0;
import static jollama.engine.parse.ParserTestSupport.ID1;
import static jollama.engine.parse.ParserTestSupport.assertEvents;
import static jollama.engine.parse.ParserTestSupport.assertSplitInvariant;
import static jollama.engine.parse.ParserTestSupport.call;
import static jollama.engine.parse.ParserTestSupport.content;
import static jollama.engine.parse.ParserTestSupport.map;
import static jollama.engine.parse.ParserTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Generic tool-call parser, spec §6.5; expectations derived by hand from its rules. */
class JsonToolCallParserTest {

    private static final List<String> TOOLS = List.of("get_weather", "get_time");

    private static JsonToolCallParser parser(String tag) {
        return new JsonToolCallParser(tag, TOOLS, new ParserTestSupport.CountingRandom());
    }

    @Test
    void everySplitOfTwoTaggedCalls() {
        String out = "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"}{ Paris\", \"days\": 2}}\n"
                + "</tool_call>\n<tool_call>{\"name\":\"get_time\",\"parameters\":\"{\\\"tz\\\":\\\"UTC\\\"}\"}</tool_call>";
        assertSplitInvariant(() -> parser("<tool_call>"), out, List.of(
                call(ID0, 0, "get_weather", map("city", "}{ Paris", "days", 2)),
                call(ID1, 1, "get_time", map("tz", "UTC"))));
    }

    @Test
    void contentBeforeTheTagIsSentAsIs() {
        JsonToolCallParser p = parser("<tool_call>");
        assertEvents(List.of(content("Let me check. ")), p.feed("Let me check. "));
        assertEvents(List.of(call(ID0, 0, "get_weather", map("city", "Oslo"))),
                p.feed("<tool_call>{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Oslo\"}}</tool_call>"));
        assertEquals(List.of(), p.finish());
    }

    @Test
    void aFeedThatProducesACallHasItsContentCleared() {
        assertEvents(List.of(call(ID0, 0, "get_weather", map())),
                parser("<tool_call>").feed("Sure.<tool_call>{\"name\":\"get_weather\",\"arguments\":{}}</tool_call>"));
    }

    @Test
    void aPartialTagIsHeldAndFlushedAtTheEndWhenNoCallCame() {
        JsonToolCallParser p = parser("<tool_call>");
        assertEvents(List.of(content("Hello ")), p.feed("Hello <tool_"));
        assertEvents(List.of(content("<tool_")), p.finish());
    }

    @Test
    void heldTextThatGaveNoCallIsContentAtTheEnd() {
        for (String out : List.of("<tool_call>not json</tool_call>",
                "<tool_call>{\"name\":\"delete_all\",\"arguments\":{}}</tool_call>",
                "<tool_call>{\"name\":\"get_time\"}</tool_call>")) {
            assertEvents(List.of(content(out)), run(parser("<tool_call>"), out));
        }
    }

    @Test
    void argumentsUnderAKeyNamedLikeTheTool() {
        assertEvents(List.of(call(ID0, 0, "get_weather", map("city", "Oslo"))),
                run(parser("<tool_call>"), "<tool_call>{\"get_weather\": {\"city\": \"Oslo\"}}</tool_call>"));
    }

    @Test
    void wholeObjectIsTheArgumentsWhenNothingElseMatches() {
        assertEvents(List.of(call(ID0, 0, "get_weather", map("city", "Lima"))),
                run(parser("<tool_call>"), "<tool_call>get_weather {\"city\": \"Lima\"}</tool_call>"));
    }

    @Test
    void callsInsideAnArrayAfterAMistralTag() {
        String out = "[TOOL_CALLS][{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Rome\"}}, "
                + "{\"name\": \"get_time\", \"arguments\": {}}]";
        assertSplitInvariant(() -> parser("[TOOL_CALLS]"), out, List.of(
                call(ID0, 0, "get_weather", map("city", "Rome")), call(ID1, 1, "get_time", map())));
    }

    @Test
    void braceTagTakesALeadingObject() {
        assertSplitInvariant(() -> parser(null), "{\"name\": \"get_weather\", \"arguments\": {\"city\": \"a}b{c\"}}",
                List.of(call(ID0, 0, "get_weather", map("city", "a}b{c"))));
    }

    @Test
    void braceTagAfterProseSwitchesParsingOff() {
        String out = "Sure! {\"name\": \"get_weather\", \"arguments\": {}} then {\"name\": \"get_time\"}";
        assertSplitInvariant(() -> parser("{"), out, List.of(content(out)));
    }

    @Test
    void braceTagWithAnObjectThatIsNoCallBecomesContentOnceClosed() {
        JsonToolCallParser p = parser("{");
        assertEvents(List.of(content(" ")), p.feed(" {\"answer\": "));
        assertEvents(List.of(content("{\"answer\": 42}")), p.feed("42}"));
        assertEvents(List.of(content(" and more")), p.feed(" and more"));
        assertSplitInvariant(() -> parser("{"), " {\"answer\": 42} and more",
                List.of(content(" {\"answer\": 42} and more")));
    }

    @Test
    void waitsWhileTheTextEndsWithAPrefixOfALongerName() {
        JsonToolCallParser p = new JsonToolCallParser("<tool_call>", List.of("get", "get_weather"),
                new ParserTestSupport.CountingRandom());
        assertEquals(List.of(), p.feed("<tool_call>{\"name\": \"get"));
        assertEvents(List.of(call(ID0, 0, "get_weather", map("a", 1))),
                p.feed("_weather\", \"arguments\": {\"a\": 1}}</tool_call>"));
    }
}
