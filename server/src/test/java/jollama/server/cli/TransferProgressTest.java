package jollama.server.cli;

import jollama.server.client.ProgressUpdate;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pull and create progress of ollama-api.md §7 on a clock the test moves: sizes, a speed
 * smoothed over the last seconds and the time left at a terminal, sizes alone (the same on
 * every run) elsewhere, and the first update of a layer (nothing done yet) left out.
 */
class TransferProgressTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MB = 1_000_000L;
    private static final String DIGEST = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @Test
    void noSpeedUntilTheSamplesSpanASecond() {
        TransferRate rate = new TransferRate(0, 0);
        assertEquals(0, rate.bytesPerSecond());
        rate.record(SECOND / 2, 5 * MB);
        assertEquals(0, rate.bytesPerSecond(), "half a second is not enough to tell");
        assertNull(rate.remaining(5 * MB, 100 * MB));
        rate.record(SECOND, 10 * MB);
        assertEquals(10 * MB, rate.bytesPerSecond(), 1e-6);
        assertEquals(Duration.ofSeconds(9), rate.remaining(10 * MB, 100 * MB));
    }

    @Test
    void theSpeedFollowsTheLastTenSeconds() {
        TransferRate rate = new TransferRate(0, 0);
        long bytes = 0;
        for (int s = 1; s <= 20; s++) {
            bytes += MB;
            rate.record(s * SECOND, bytes);
        }
        assertEquals(MB, rate.bytesPerSecond(), 1e-6);
        for (int s = 21; s <= 25; s++) {
            bytes += 3 * MB;
            rate.record(s * SECOND, bytes);
        }
        double midway = rate.bytesPerSecond();
        assertTrue(midway > MB && midway < 3 * MB, "a change of pace shows gradually: " + midway);
        for (int s = 26; s <= 30; s++) {
            bytes += 3 * MB;
            rate.record(s * SECOND, bytes);
        }
        assertEquals(3 * MB, rate.bytesPerSecond(), 1e-6, "ten seconds on, only the new pace counts");
    }

    @Test
    void samplesComeAtMostOnceASecond() {
        TransferRate rate = new TransferRate(0, 0);
        rate.record(SECOND, 10 * MB);
        rate.record(SECOND + SECOND / 10, 90 * MB); // a burst within the second is not a sample
        assertEquals(10 * MB, rate.bytesPerSecond(), 1e-6);
    }

    @Test
    void timeLeftIsWordedAsOllamaWordsIt() {
        assertEquals("0s", TransferRate.format(Duration.ZERO));
        assertEquals("18s", TransferRate.format(Duration.ofSeconds(18)));
        assertEquals("4m5s", TransferRate.format(Duration.ofSeconds(245)));
        assertEquals("2h7m", TransferRate.format(Duration.ofMinutes(127)));
        assertEquals("99h+", TransferRate.format(Duration.ofHours(100)));
    }

    @Test
    void theLiveDetailKeepsItsColumns() {
        TransferRate rate = new TransferRate(0, 0);
        assertEquals("180 MB/396 MB", TransferBar.live(180 * MB, 396 * MB, rate));
        rate.record(SECOND, 12 * MB);
        assertEquals("180 MB/396 MB   12 MB/s     18s", TransferBar.live(180 * MB, 396 * MB, rate));
        assertEquals(" 12 MB/1.2 GB   12 MB/s   1m39s", TransferBar.live(12 * MB, 1200 * MB, rate));
    }

    /** A pull as the server streams it, the clock moved between the lines. */
    private static String pull(boolean terminal, List<Long> secondsAt) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        try (PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
             ProgressDisplay display = new ProgressDisplay(err, ProgressDisplay.Style.PULL, terminal, now::get)) {
            display.accept(new ProgressUpdate("pulling manifest", null, 0, 0));
            display.accept(new ProgressUpdate("pulling 0123456789ab", DIGEST, 400 * MB, 0));
            long[] completed = {100 * MB, 200 * MB, 400 * MB};
            for (int i = 0; i < completed.length; i++) {
                now.set(secondsAt.get(i) * SECOND);
                display.accept(new ProgressUpdate("pulling 0123456789ab", DIGEST, 400 * MB, completed[i]));
            }
            display.accept(new ProgressUpdate("verifying sha256 digest", null, 0, 0));
            display.accept(new ProgressUpdate("success", null, 0, 0));
        }
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    @Test
    void atATerminalTheBarShowsSpeedAndTimeLeft() {
        String shown = pull(true, List.of(0L, 2L, 3L));
        assertTrue(shown.startsWith("pulling manifest\n\rpulling 0123456789ab:  25% ▕██████"
                + " ".repeat(19) + "▏ 100 MB/400 MB"), "no 0 % bar for the first, empty update: " + shown);
        // 100 MB in the 2 s since the bar started: 50 MB/s, and 200 MB to go
        assertTrue(shown.contains("\rpulling 0123456789ab:  50% ▕████████████" + " ".repeat(13)
                + "▏ 200 MB/400 MB   50 MB/s      4s"), shown);
        assertTrue(shown.contains("\rpulling 0123456789ab: 100% ▕" + "█".repeat(25) + "▏ 400 MB"), shown);
        assertTrue(shown.endsWith("\nverifying sha256 digest\nsuccess\n"), shown);
    }

    @Test
    void elsewhereTheLinesAreTheSameWhateverTheTiming() {
        String expected = """
                pulling manifest
                pulling 0123456789ab:  25% 100 MB/400 MB
                pulling 0123456789ab:  50% 200 MB/400 MB
                pulling 0123456789ab: 100% 400 MB
                verifying sha256 digest
                success
                """;
        assertEquals(expected, pull(false, List.of(0L, 2L, 3L)));
        assertEquals(expected, pull(false, List.of(0L, 60L, 61L)));
        assertFalse(pull(false, List.of(0L, 2L, 3L)).contains("\r"));
    }
}
