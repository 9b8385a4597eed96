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

/** {@link Qwen3OutputParser.Start#DETECT}: the model's own {@code <think>} decides whether it thinks. */
class Qwen3DetectThinkingTest {

    private static Qwen3OutputParser detect() {
        return new Qwen3OutputParser(Qwen3OutputParser.Start.DETECT, new ParserTestSupport.CountingRandom());
    }

    @Test
    void anOpeningThinkTagStartsThinking() {
        assertEvents(List.of(thinking("Hmm."), content("Answer.")),
                run(detect(), "<think>\nHmm.\n</think>\n\nAnswer."));
    }

    @Test
    void withoutThinkTagEverythingIsContent() {
        assertEvents(List.of(content("Answer with <think> inside.")), run(detect(), "Answer with <think> inside."));
    }

    @Test
    void leadingWhitespaceBeforeTheTagIsDropped() {
        assertEvents(List.of(thinking("Hmm."), content("Ok")), run(detect(), "\n ", "<thi", "nk>Hmm.</think>Ok"));
    }

    @Test
    void anOutputThatIsOnlyACutTagIsContentAtTheEnd() {
        assertEvents(List.of(content("<thi")), run(detect(), "<thi"));
    }

    @Test
    void thinkingThenAToolCallWhateverTheCuts() {
        String output = "<think>\nneed weather\n</think>\n\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": "
                + "{\"city\": \"Paris\"}}\n</tool_call>";
        assertSplitInvariant(Qwen3DetectThinkingTest::detect, output, List.of(thinking("need weather"),
                call(ID0, 0, "get_weather", map("city", "Paris"))));
    }
}
