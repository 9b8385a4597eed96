package jollama.engine.parse;

import static jollama.engine.parse.ParserTestSupport.ID0;
import static jollama.engine.parse.ParserTestSupport.assertEvents;
import static jollama.engine.parse.ParserTestSupport.assertSplitInvariant;
import static jollama.engine.parse.ParserTestSupport.call;
import static jollama.engine.parse.ParserTestSupport.content;
import static jollama.engine.parse.ParserTestSupport.map;
import static jollama.engine.parse.ParserTestSupport.run;
import static jollama.engine.parse.ParserTestSupport.thinking;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Thinking extraction chained into tool-call parsing, as Ollama's chat handler does for template models. */
class GenericOutputParserTest {

    private static GenericOutputParser thinkingAndTools() {
        return new GenericOutputParser(ThinkingTagParser.think(true),
                new JsonToolCallParser("<tool_call>", List.of("get_weather"), new ParserTestSupport.CountingRandom()));
    }

    @Test
    void thinkingThenACall() {
        String out = "I should call.</think>\n\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": "
                + "{\"city\": \"Paris\"}}\n</tool_call>";
        assertSplitInvariant(GenericOutputParserTest::thinkingAndTools, out,
                List.of(thinking("I should call."), call(ID0, 0, "get_weather", map("city", "Paris"))));
    }

    @Test
    void passthroughLeavesEverythingAsContent() {
        assertEvents(List.of(content("<think>x</think> <tool_call>")),
                run(GenericOutputParser.passthrough(), "<think>x</think>", " <tool_call>"));
    }

    @Test
    void thinkingOnly() {
        assertEvents(List.of(thinking("a"), content("b")),
                run(new GenericOutputParser(ThinkingTagParser.think(false), null), "<think>a</think>b"));
    }

    @Test
    void textFlushedByTheThinkingStageStillGoesThroughTheToolStage() {
        GenericOutputParser parser = new GenericOutputParser(ThinkingTagParser.think(false),
                new JsonToolCallParser("<tool_call>", List.of("get_weather"), new ParserTestSupport.CountingRandom()));
        assertEvents(List.of(content("  <thi")), run(parser, "  <thi"));
    }
}
