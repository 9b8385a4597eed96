package jollama.server.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The text formats {@code jollama run} shares with Ollama: Go's duration spelling, the
 * --verbose block, the thinking display (§6.3 / §7), options typed as text.
 */
class RunOutputFormatTest {

    @Test
    void durationsAreSpelledAsGoSpellsThem() {
        // examples from Go's time.Duration.String documentation and its tests
        assertEquals("0s", GoDuration.format(0));
        assertEquals("1ns", GoDuration.format(1));
        assertEquals("1.1µs", GoDuration.format(1_100));
        assertEquals("2.2ms", GoDuration.format(2_200_000));
        assertEquals("3.3s", GoDuration.format(3_300_000_000L));
        assertEquals("4m5s", GoDuration.format(245_000_000_000L));
        assertEquals("4m5.001s", GoDuration.format(245_001_000_000L));
        assertEquals("5h6m7.001s", GoDuration.format(18_367_001_000_000L));
        assertEquals("1h0m0s", GoDuration.format(3_600_000_000_000L));
        assertEquals("1.234567891s", GoDuration.format(1_234_567_891L));
        assertEquals("-1.5s", GoDuration.format(-1_500_000_000L));
    }

    @Test
    void verboseBlockHasOllamasLayout() {
        Metrics m = new Metrics(1_500_000_000L, 250_000_000L, 10, 500_000_000L, 32, 800_000_000L);
        assertEquals("""
                total duration:       1.5s
                load duration:        250ms
                prompt eval count:    10 token(s)
                prompt eval duration: 500ms
                prompt eval rate:     20.00 tokens/s
                eval count:           32 token(s)
                eval duration:        800ms
                eval rate:            40.00 tokens/s
                """, print(m));
    }

    @Test
    void verboseBlockLeavesOutWhatIsZero() {
        Metrics m = new Metrics(2_000_000L, 0, 3, 1_000_000L, 0, 0);
        assertEquals("""
                total duration:       2ms
                prompt eval count:    3 token(s)
                prompt eval duration: 1ms
                prompt eval rate:     3000.00 tokens/s
                """, print(m));
    }

    private static String print(Metrics m) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream to = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            m.printSummary(to);
        }
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    /** Collects what the splitter separates, with the chunk boundaries it received. */
    private static final class Parts implements ThinkingSplitter.Sink {
        final StringBuilder thinking = new StringBuilder();
        final StringBuilder content = new StringBuilder();

        @Override
        public void thinking(String text) {
            thinking.append(text);
        }

        @Override
        public void content(String text) {
            content.append(text);
        }
    }

    /** Feeds the text one character at a time: every tag arrives split. */
    private static Parts split(String output, boolean enabled, boolean promptOpensThink) {
        Parts parts = new Parts();
        ThinkingSplitter splitter = new ThinkingSplitter(enabled, promptOpensThink, parts);
        output.codePoints().forEach(cp -> splitter.accept(Character.toString(cp)));
        splitter.finish();
        return parts;
    }

    @Test
    void thinkingIsSplitAsOllamasGenericParserSplitsIt() {
        Parts p = split("<think>\nLet me think...</think>\n\nAnswer.", true, false);
        assertEquals("Let me think...", p.thinking.toString());
        assertEquals("Answer.", p.content.toString());

        Parts leading = split("  \n<think>x</think>y", true, false);
        assertEquals("x", leading.thinking.toString());
        assertEquals("y", leading.content.toString());

        Parts none = split("  Hello <think>not thinking</think>", true, false);
        assertEquals("", none.thinking.toString());
        assertEquals("  Hello <think>not thinking</think>", none.content.toString(), "whitespace kept");

        Parts prefilled = split("still thinking</think>done", true, true);
        assertEquals("still thinking", prefilled.thinking.toString());
        assertEquals("done", prefilled.content.toString());

        Parts off = split("<think>a</think>b", false, false);
        assertEquals("<think>a</think>b", off.content.toString(), "think=false: no parsing");

        Parts unfinished = split("<think>half a thou", true, false);
        assertEquals("half a thou", unfinished.thinking.toString());
        Parts partialTag = split("<thi", true, false);
        assertEquals("<thi", partialTag.content.toString());
    }

    @Test
    void thinkingIsShownBetweenOllamasMarkers() {
        assertEquals("Thinking...\nLet me think...\n...done thinking.\n\nAnswer.",
                display("<think>Let me think...</think>Answer.", false));
        assertEquals("Thinking...\nfirst\n...done thinking.\n\nAnswer.",
                display("<think>\nfirst\n</think>\n\nAnswer.", false));
        assertEquals("Answer.", display("<think>Let me think...</think>Answer.", true));
    }

    private static String display(String output, boolean hideThinking) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> events = new ArrayList<>();
        try (PrintStream to = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            ThinkingDisplay display = new ThinkingDisplay(to, false, hideThinking, () -> events.add("start"));
            ThinkingSplitter splitter = new ThinkingSplitter(true, false, display);
            splitter.accept(output);
            splitter.finish();
            display.end();
        }
        assertEquals(List.of("start"), events, "the spinner is stopped once");
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    @Test
    void parametersAreTypedFromText() {
        assertEquals(Map.of("num_predict", 64L), ParameterValues.parse("num_predict", List.of("64")));
        assertEquals(Map.of("temperature", 0.25), ParameterValues.parse("temperature", List.of("0.25")));
        assertEquals(Map.of("stop", List.of("<|im_end|>", "\n\n")),
                ParameterValues.parse("stop", List.of("<|im_end|>", "\n\n")));
        assertEquals(Map.of("num_ctx", 8192L, "seed", 7L), ParameterValues.parseList("num_ctx=8192, seed=7"));
        assertEquals(Map.of("stop", List.of("a", "b")), ParameterValues.parseList("stop=a,stop=b"));
        assertEquals("unknown parameter 'warmth'",
                assertThrows(IllegalArgumentException.class, () -> ParameterValues.parse("warmth", List.of("1")))
                        .getMessage());
        assertEquals("option \"top_k\" must be of type integer",
                assertThrows(IllegalArgumentException.class, () -> ParameterValues.parse("top_k", List.of("many")))
                        .getMessage());
    }

    @Test
    void embeddingNumbersAreWrittenAsGoWritesFloat32() {
        assertEquals("0.1", JsonNumbers.goFloat32(0.1f));
        assertEquals("-0.012345", JsonNumbers.goFloat32(-0.012345f));
        assertEquals("1", JsonNumbers.goFloat32(1f));
        assertEquals("0", JsonNumbers.goFloat32(0f));
        assertEquals("0.000001", JsonNumbers.goFloat32(1e-6f));
        assertEquals("1e-7", JsonNumbers.goFloat32(1e-7f));
        assertEquals("1.5e-8", JsonNumbers.goFloat32(1.5e-8f));
        assertEquals("123456", JsonNumbers.goFloat32(123456f));
        assertEquals("1e+21", JsonNumbers.goFloat32(1e21f));
    }
}
