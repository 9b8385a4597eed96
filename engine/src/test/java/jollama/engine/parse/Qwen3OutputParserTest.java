package jollama.engine.parse;

import static jollama.engine.parse.ParserTestSupport.ID0;
import static jollama.engine.parse.ParserTestSupport.ID1;
import static jollama.engine.parse.ParserTestSupport.ID2;
import static jollama.engine.parse.ParserTestSupport.assertEvents;
import static jollama.engine.parse.ParserTestSupport.call;
import static jollama.engine.parse.ParserTestSupport.content;
import static jollama.engine.parse.ParserTestSupport.map;
import static jollama.engine.parse.ParserTestSupport.run;
import static jollama.engine.parse.ParserTestSupport.thinking;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Qwen3 built-in parser behaviour, spec §6.4; expected events worked out by hand from the rules there. */
class Qwen3OutputParserTest {

    private static Qwen3OutputParser thinkingOn() {
        return new Qwen3OutputParser(true, new ParserTestSupport.CountingRandom());
    }

    private static Qwen3OutputParser thinkingOff() {
        return new Qwen3OutputParser(false, new ParserTestSupport.CountingRandom());
    }

    @Test
    void thinkingEndsAtCloseTagAndContentFollows() {
        assertEvents(List.of(thinking("Let me think..."), content("Answer.")),
                run(thinkingOn(), "Let me think...</think>Answer."));
    }

    @Test
    void oneRepeatedOpenTagIsDroppedWithTheWhitespaceAroundIt() {
        assertEvents(List.of(thinking("Let me think..."), content("Answer.")),
                run(thinkingOn(), "<think>\nLet me think...</think>Answer."));
        assertEvents(List.of(thinking("Let me think..."), content("Answer.")),
                run(thinkingOn(), " \n<think>\n\n", "Let me think...</think>Answer."));
    }

    @Test
    void aSecondOpenTagIsThinkingText() {
        assertEvents(List.of(thinking("<think>x")), run(thinkingOn(), "<think><think>x"));
        assertEvents(List.of(thinking("<think>x")), run(thinkingOn(), "<think>", "<think>x"));
    }

    @Test
    void aCutOpenTagAtTheStartIsHeldBack() {
        Qwen3OutputParser parser = thinkingOn();
        assertEquals(List.of(), parser.feed("<thi"));
        assertEvents(List.of(thinking("Let me think..."), content("Answer.")),
                parser.feed("nk>Let me think...</think>Answer."));
    }

    @Test
    void textThatOnlyLooksLikeTheOpenTagStartIsThinking() {
        assertEvents(List.of(thinking("<thinking about it>")), run(thinkingOn(), "<thin", "king about it>"));
    }

    @Test
    void leadingWhitespaceWithoutAnOpenTagStaysInTheThinking() {
        assertEvents(List.of(thinking("\n\nHello")), run(thinkingOn(), "\n\n", "Hello"));
    }

    @Test
    void whitespaceBeforeCloseTagIsTrimmedAndAfterItEaten() {
        assertEvents(List.of(thinking("a \n b"), content("Answer")),
                run(thinkingOn(), "a \n b \n\n</think>\n\n  Answer"));
    }

    @Test
    void emptyThinkBlockGivesNoThinking() {
        assertEvents(List.of(content("Hello")), run(thinkingOn(), "<think>\n\n</think>\n\nHello"));
        assertEvents(List.of(content("Hello")), run(thinkingOn(), "\n\n</think>\n\nHello"));
    }

    @Test
    void toolCallBeforeCloseTagEndsTheThinking() {
        assertEvents(List.of(thinking("Let me think"),
                        call(ID0, 0, "get_weather", map("location", "San Francisco", "unit", "celsius"))),
                run(thinkingOn(), "Let me think<tool_call>{\"name\":\"get_weather\",\"arguments\":"
                        + "{\"location\":\"San Francisco\",\"unit\":\"celsius\"}}</tool_call>"));
    }

    @Test
    void cutToolOpenTagInThinkingSendsTheThinkingBeforeIt() {
        Qwen3OutputParser parser = thinkingOn();
        assertEvents(List.of(thinking("Let me think")), parser.feed("Let me think<tool_ca"));
        assertEvents(List.of(call(ID0, 0, "get_weather", map("location", "SF"))),
                parser.feed("ll>{\"name\":\"get_weather\",\"arguments\":{\"location\":\"SF\"}}</tool_call>"));
        assertEquals(List.of(), parser.finish());
    }

    @Test
    void afterAToolCallInThinkingTheCloseTagIsPlainContent() {
        assertEvents(List.of(thinking("plan"), call(ID0, 0, "f", map()), content("</think>ok")),
                run(thinkingOn(), "plan<tool_call>{\"name\":\"f\",\"arguments\":{}}</tool_call></think>ok"));
    }

    @Test
    void threeCallsInARowAreIndexedFromZeroWithNoContent() {
        String out = "<tool_call>{\"name\":\"first\",\"arguments\":{\"a\":\"1\"}}</tool_call>\n"
                + "<tool_call>{\"name\":\"second\",\"arguments\":{\"b\":\"2\"}}</tool_call>\n"
                + "<tool_call>{\"name\":\"third\",\"arguments\":{\"c\":\"3\"}}</tool_call>";
        assertEvents(List.of(call(ID0, 0, "first", map("a", "1")), call(ID1, 1, "second", map("b", "2")),
                call(ID2, 2, "third", map("c", "3"))), run(thinkingOff(), out));
    }

    @Test
    void callsStreamedAcrossPiecesKeepCounting() {
        Qwen3OutputParser parser = thinkingOff();
        assertEvents(List.of(call(ID0, 0, "first", map("a", "1"))), parser.feed(
                "<tool_call>{\"name\":\"first\",\"arguments\":{\"a\":\"1\"}}</tool_call><tool_call>"
                        + "{\"name\":\"second\",\"arguments\":{\"b\":\"2\"}"));
        assertEvents(List.of(call(ID1, 1, "second", map("b", "2")), call(ID2, 2, "third", map("c", "3"))),
                parser.feed("}</tool_call><tool_call>{\"name\":\"third\",\"arguments\":{\"c\":\"3\"}}</tool_call>"));
    }

    @Test
    void aNewParserCountsFromZeroAgain() {
        String out = "<tool_call>{\"name\":\"f\",\"arguments\":{}}</tool_call>";
        run(thinkingOff(), out);
        assertEvents(List.of(call(ID0, 0, "f", map())), run(thinkingOff(), out));
    }

    @Test
    void textAroundCallsIsTrimmedNextToTheTags() {
        String out = "Sure, checking.  \n<tool_call>\n  {\"name\": \"f\", \"arguments\": {\"x\": 1}}\n</tool_call>"
                + "\n\nBetween.\n<tool_call>{\"name\": \"g\", \"arguments\": {}}</tool_call>\n After.";
        assertEvents(List.of(content("Sure, checking."), call(ID0, 0, "f", map("x", 1)), content("Between."),
                call(ID1, 1, "g", map()), content("After.")), run(thinkingOff(), out));
    }

    @Test
    void whitespaceAfterTheCloseTagIsEatenEvenInALaterPiece() {
        assertEvents(List.of(call(ID0, 0, "f", map()), content("Text")),
                run(thinkingOff(), "<tool_call>{\"name\":\"f\",\"arguments\":{}}</tool_call>", "\n\n", "Text"));
    }

    @Test
    void thinkingOffTreatsThinkTagsAsContent() {
        assertEvents(List.of(content("<think>\n\n</think>\n\nHello")),
                run(thinkingOff(), "<think>\n\n</think>\n\nHello"));
    }

    @Test
    void partialToolTagIsHeldBackThenReleased() {
        Qwen3OutputParser parser = thinkingOff();
        assertEvents(List.of(content("a")), parser.feed("a <tool_cal"));
        assertEvents(List.of(content(" <tool_cal> b")), parser.feed("> b"));
    }

    @Test
    void trailingWhitespaceIsHeldUntilMoreTextOrTheEnd() {
        Qwen3OutputParser parser = thinkingOff();
        assertEvents(List.of(content("Answer.")), parser.feed("Answer.\n\n"));
        assertEvents(List.of(content("\n\nMore")), parser.feed("More"));
        assertEquals(List.of(), parser.feed(" \t"));
        assertEvents(List.of(content(" \t")), parser.finish());
    }

    @Test
    void finishFlushesAPartialTagAsContent() {
        Qwen3OutputParser parser = thinkingOff();
        assertEvents(List.of(content("Hello")), parser.feed("Hello\n<tool_c"));
        assertEvents(List.of(content("\n<tool_c")), parser.finish());
    }

    @Test
    void finishFlushesHeldThinkingAsThinking() {
        Qwen3OutputParser parser = thinkingOn();
        assertEvents(List.of(thinking("still thinking")), parser.feed("still thinking \n</thi"));
        assertEvents(List.of(thinking(" \n</thi")), parser.finish());
    }

    @Test
    void finishFlushesTheBodyOfAnUnclosedCallAsContent() {
        Qwen3OutputParser parser = thinkingOff();
        assertEvents(List.of(content("Here is the code:")), parser.feed("Here is the code:\n<tool_call>"));
        assertEquals(List.of(), parser.feed("\n{\"name\":\"write_file\",\"arguments\":{\"content\":\"..."));
        assertEvents(List.of(content("{\"name\":\"write_file\",\"arguments\":{\"content\":\"...")), parser.finish());
    }

    @Test
    void nonBreakingSpaceCountsAsWhitespaceAsInGo() {
        assertEvents(List.of(content("Hi"), call(ID0, 0, "f", map())),
                run(thinkingOff(), "Hi\u00A0\u3000<tool_call>{\"name\":\"f\",\"arguments\":{}}</tool_call>"));
    }

    @Test
    void unicodeTextAndArgumentsPassThrough() {
        assertEvents(List.of(thinking("Überlegung: 日本語 🙂"), content("Réponse 🙂"),
                        call(ID0, 0, "traduire", map("texte", "naïve — 東京 🚀"))),
                run(thinkingOn(), "Überlegung: 日本語 🙂</think>Réponse 🙂<tool_call>"
                        + "{\"name\":\"traduire\",\"arguments\":{\"texte\":\"naïve \\u2014 東京 🚀\"}}</tool_call>"));
    }

    @Test
    void nestedArgumentsKeepTypesAndKeyOrder() {
        String out = "<tool_call>{\"name\":\"f\",\"arguments\":{\"z\":{\"b\":[1,2.5,true,null,\"}\"],\"a\":"
                + "{\"k\":\"{\\\"not\\\": \\\"json\\\"}\"}},\"y\":-3,\"x\":12345678901}}</tool_call>";
        java.util.List<Object> list = new java.util.ArrayList<>();
        list.add(1);
        list.add(2.5);
        list.add(true);
        list.add(null);
        list.add("}");
        assertEvents(List.of(call(ID0, 0, "f", map("z", map("b", list, "a", map("k", "{\"not\": \"json\"}")),
                "y", -3, "x", 12345678901L))), run(thinkingOff(), out));
    }

    @Test
    void invalidJsonEndsTheResponseWithAnError() {
        Qwen3OutputParser parser = thinkingOff();
        OutputParseException e = assertThrows(OutputParseException.class,
                () -> parser.feed("Before.<tool_call>{\"name\":\"f\",\"arguments\":{\"a\":}}</tool_call>After"));
        assertTrue(e.getMessage().startsWith("failed to parse JSON: "), e.getMessage());
        assertEvents(List.of(content("Before.")), e.eventsBefore());
        assertThrows(IllegalStateException.class, () -> parser.feed("more"));
        assertThrows(IllegalStateException.class, parser::finish);
    }

    @Test
    void emptyNameIsAnError() {
        OutputParseException e = assertThrows(OutputParseException.class,
                () -> thinkingOff().feed("<tool_call>{\"name\":\"\",\"arguments\":{}}</tool_call>"));
        assertEquals("empty function name", e.getMessage());
    }

    @Test
    void emptyBodyIsAnError() {
        OutputParseException e = assertThrows(OutputParseException.class,
                () -> thinkingOff().feed("<tool_call>\n</tool_call>"));
        assertEquals("failed to parse JSON: unexpected end of JSON input", e.getMessage());
    }

    @Test
    void idsAreCallPlusEightCharsOfLowercaseAndDigits() {
        Qwen3OutputParser parser = new Qwen3OutputParser(false, new java.util.SplittableRandom(7));
        List<ParseEvent> events = run(parser, "<tool_call>{\"name\":\"f\",\"arguments\":{}}</tool_call>"
                + "<tool_call>{\"name\":\"f\",\"arguments\":{}}</tool_call>");
        assertEquals(2, events.size());
        for (ParseEvent e : events) {
            assertTrue(((ParseEvent.ToolCall) e).id().matches("call_[a-z0-9]{8}"), e.toString());
        }
    }

    @Test
    void parserNamesChooseTheStartState() {
        String out = "a</think>b";
        List<ParseEvent> thought = List.of(thinking("a"), content("b"));
        List<ParseEvent> plain = List.of(content("a</think>b"));
        ParserTestSupport.CountingRandom random = new ParserTestSupport.CountingRandom();
        assertEvents(plain, run(Qwen3OutputParser.forName("qwen3", true, random), out));
        assertEvents(thought, run(Qwen3OutputParser.forName("qwen3-thinking", null, random), out));
        assertEvents(thought, run(Qwen3OutputParser.forName("qwen3-thinking", true, random), out));
        assertEvents(plain, run(Qwen3OutputParser.forName("qwen3-thinking", false, random), out));
        assertThrows(IllegalArgumentException.class, () -> Qwen3OutputParser.forName("harmony", true, random));
    }

    @Test
    void toolCallEventBecomesAChatHistoryCall() {
        ParseEvent.ToolCall c = new ParseEvent.ToolCall(ID0, 0, "f", map("b", 1, "a", 2));
        jollama.engine.chat.ToolCall history = c.toChatToolCall();
        assertEquals("f", history.name());
        assertEquals(List.of("b", "a"), List.copyOf(history.arguments().keySet()));
    }
}
