package jollama.server.cli;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The speed of a download or upload as Ollama's progress bar reckons it: a sample a second at
 * most, the last ten kept, the rate taken from the oldest to the newest. A single burst or stall
 * then moves the speed over several seconds instead of making it jump at every update; and there
 * is no speed at all until the samples span a second, so the first update's guess is never shown.
 * Not thread-safe.
 */
final class TransferRate {

    private static final long SAMPLE_NANOS = 1_000_000_000L;
    private static final int MAX_SAMPLES = 10;

    private record Sample(long nanos, long bytes) {
    }

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    /** Starts measuring from {@code bytes} already done at {@code nanos} (a resumed pull starts above 0). */
    TransferRate(long nanos, long bytes) {
        samples.add(new Sample(nanos, bytes));
    }

    /** Notes the bytes done at {@code nanos}; kept only when the last kept sample is a second old. */
    void record(long nanos, long bytes) {
        if (nanos - samples.getLast().nanos() < SAMPLE_NANOS) {
            return;
        }
        samples.addLast(new Sample(nanos, bytes));
        if (samples.size() > MAX_SAMPLES) {
            samples.removeFirst();
        }
    }

    /** Bytes a second over the samples kept, or 0 while they span less than a second. */
    double bytesPerSecond() {
        Sample first = samples.getFirst();
        Sample last = samples.getLast();
        long span = last.nanos() - first.nanos();
        return span < SAMPLE_NANOS ? 0 : (last.bytes() - first.bytes()) * 1e9 / span;
    }

    /** The time the rest takes at this speed, in whole seconds; null while there is no speed. */
    Duration remaining(long completed, long total) {
        double rate = bytesPerSecond();
        if (rate <= 0) {
            return null;
        }
        return Duration.ofSeconds((long) (Math.max(0, total - completed) / rate));
    }

    /**
     * A time left as Ollama shows it: Go's duration for under an hour ({@code 18s}, {@code 4m5s}),
     * hours and minutes above ({@code 2h7m}), and {@code 99h+} from 100 hours, so it never
     * takes more than six columns.
     */
    static String format(Duration d) {
        if (d.toHours() >= 100) {
            return "99h+";
        }
        if (d.toHours() >= 1) {
            return d.toHours() + "h" + d.toMinutesPart() + "m";
        }
        return GoDuration.format(d.toSeconds() * 1_000_000_000L);
    }
}
