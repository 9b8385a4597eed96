package jollama.engine.parse;

import static jollama.engine.parse.ParserTestSupport.assertEvents;
import static jollama.engine.parse.ParserTestSupport.assertSplitInvariant;
import static jollama.engine.parse.ParserTestSupport.content;
import static jollama.engine.parse.ParserTestSupport.run;
import static jollama.engine.parse.ParserTestSupport.thinking;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Generic thinking extraction, spec §6.3; expectations derived by hand from its state rules. */
class ThinkingTagParserTest {

    @Test
    void openingTagAtTheStartStartsThinkingAndTheRestIsContent() {
        assertEvents(List.of(thinking("reasoning \n"), content("Answer <think>x</think>")),
                run(ThinkingTagParser.think(false), "<think>\n  reasoning \n</think>\n\nAnswer <think>x</think>"));
    }

    @Test
    void withoutALeadingOpeningTagEverythingIsContentWithItsWhitespace() {
        assertEvents(List.of(content("  Hello <think>a</think>")),
                run(ThinkingTagParser.think(false), "  Hello <think>a</think>"));
    }

    @Test
    void promptEndingWithTheOpeningTagStartsInThinking() {
        assertEvents(List.of(thinking("reasoning"), content("answer")),
                run(ThinkingTagParser.think(true), "reasoning</think>answer"));
        assertEvents(List.of(thinking("<think>r"), content("a")),
                run(ThinkingTagParser.think(true), "<think>r</think>a"));
    }

    @Test
    void whitespaceAroundTheBlockIsEatenAcrossPieces() {
        assertEvents(List.of(thinking("x"), content("ans")),
                run(ThinkingTagParser.think(false), " ", "<think>", "  \n", "x", "</think>", " \n", "ans"));
    }

    @Test
    void aCutClosingTagIsHeldAndFlushedAsThinkingAtTheEnd() {
        ThinkingTagParser parser = ThinkingTagParser.think(true);
        assertEvents(List.of(thinking("abc")), parser.feed("abc</thi"));
        assertEvents(List.of(thinking("</thi")), parser.finish());
    }

    @Test
    void heldTextBeforeAnyDecisionIsFlushedAsContent() {
        ThinkingTagParser parser = ThinkingTagParser.think(false);
        assertEquals(List.of(), parser.feed("  <thi"));
        assertEvents(List.of(content("  <thi")), parser.finish());
        assertEvents(List.of(content(" \n")), run(ThinkingTagParser.think(false), " \n"));
    }

    @Test
    void customTags() {
        assertEvents(List.of(thinking("x"), content("y")),
                run(new ThinkingTagParser("<|begin_of_thought|>", "<|end_of_thought|>", false),
                        "<|begin_of_thought|>x<|end_of_thought|>y"));
        assertThrows(IllegalArgumentException.class, () -> new ThinkingTagParser("", "</think>", false));
    }

    @Test
    void everySplitOfAThinkingOutput() {
        String out = "  \n<think>\n Plan: a < b && c </thinking> d 🙂\n</think>\n\n Answer ü </think>";
        assertSplitInvariant(() -> ThinkingTagParser.think(false), out,
                List.of(thinking("Plan: a < b && c </thinking> d 🙂\n"), content("Answer ü </think>")));
    }

    @Test
    void everySplitOfAnOutputThatDoesNotThink() {
        String out = " Hi <think>x</think> 🙂 ";
        assertSplitInvariant(() -> ThinkingTagParser.think(false), out, List.of(content(out)));
    }
}
