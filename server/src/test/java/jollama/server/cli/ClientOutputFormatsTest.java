package jollama.server.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The formats of the client commands' tables (ollama-api.md §7): relative times, processor split, table layout. */
class ClientOutputFormatsTest {

    private static final Instant NOW = Instant.parse("2025-05-10T12:00:00Z");

    private static String ago(Duration d) {
        return HumanTime.format(NOW.minus(d), NOW, "Never");
    }

    @Test
    void pastTimesAreRelative() {
        assertEquals("Less than a second ago", ago(Duration.ofMillis(300)));
        assertEquals("1 second ago", ago(Duration.ofSeconds(1)));
        assertEquals("42 seconds ago", ago(Duration.ofSeconds(42)));
        assertEquals("About a minute ago", ago(Duration.ofSeconds(90)));
        assertEquals("12 minutes ago", ago(Duration.ofMinutes(12)));
        assertEquals("About an hour ago", ago(Duration.ofMinutes(80)));
        assertEquals("5 hours ago", ago(Duration.ofHours(5)));
        assertEquals("2 days ago", ago(Duration.ofHours(50)));
        assertEquals("3 weeks ago", ago(Duration.ofDays(22)));
        assertEquals("4 months ago", ago(Duration.ofDays(125)));
        assertEquals("3 years ago", ago(Duration.ofDays(3 * 365 + 10)));
    }

    @Test
    void futureTimesAndForever() {
        assertEquals("4 minutes from now", HumanTime.format(NOW.plus(Duration.ofSeconds(299)), NOW, "Never"));
        assertEquals("Forever", HumanTime.format(NOW.plus(Duration.ofDays(365L * 292)), NOW, "Never"));
        assertEquals("Never", HumanTime.format(null, NOW, "Never"));
    }

    @Test
    void processorTellsWhereTheMemoryIs() {
        assertEquals("100% CPU", PsCommand.processor(1000, 0));
        assertEquals("100% GPU", PsCommand.processor(1000, 1000));
        assertEquals("48%/52% CPU/GPU", PsCommand.processor(1000, 520));
    }

    @Test
    void tablesPadEveryCellAndSeparateColumnsByFourSpaces() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TextTable.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of("NAME", "ID"),
                List.of(List.of("qwen3:latest", "0123456789ab"), List.of("a:b", "x")), TextTable.DEFAULT_WRAP);
        // each cell padded to its column, then four spaces, the last column too (tablewriter's layout)
        assertEquals("NAME            ID              \n"
                + "qwen3:latest    0123456789ab    \n"
                + "a:b             x               \n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void longTextWithSpacesWrapsAtTheColumnWidth() {
        assertEquals(List.of("one two three", "four"), TextTable.wrap("one two three four", 13));
        assertEquals(List.of("unbreakable-word-longer-than-the-limit"),
                TextTable.wrap("unbreakable-word-longer-than-the-limit", 10));
    }

    @Test
    void showNumbersAsGoPrintsThem() {
        assertEquals("40960", ShowInfoPrinter.formatG(40960));
        assertEquals("1e+06", ShowInfoPrinter.formatG(1_000_000));
        assertEquals("1e-06", ShowInfoPrinter.formatG(1e-6));
        assertEquals("0.5", ShowInfoPrinter.formatG(0.5));
        assertEquals("40960", ShowInfoPrinter.number(40960.0));
    }
}
