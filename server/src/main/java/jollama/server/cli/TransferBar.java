package jollama.server.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A byte transfer (a blob pulled, a file uploaded) on a {@link ProgressBar}, with Ollama's detail
 * after the bar: {@code 180 MB/396 MB   12 MB/s     18s}, the speed and the time left once
 * {@link TransferRate} knows them. The fields keep fixed widths, as Ollama's do, so the numbers
 * do not jitter as they change. Outside a terminal the detail is the sizes alone: speeds
 * and times would make two runs of the same pull print different lines. Not thread-safe.
 */
final class TransferBar {

    /** The widest a size takes: {@code 999 MB}. */
    private static final int SIZE_WIDTH = 6;

    private final ProgressBar bar;
    private final LongSupplier nanoClock;
    private TransferRate rate;

    /** @param nanoClock the clock the bar redraws by, so that a test can drive both */
    TransferBar(ProgressBar bar, LongSupplier nanoClock) {
        this.bar = bar;
        this.nanoClock = nanoClock;
    }

    /** A bar on {@code err}, redrawn in place only when that is the process's stderr at a terminal. */
    static TransferBar on(PrintStream err, String label) {
        return new TransferBar(ProgressBar.on(err, label), System::nanoTime);
    }

    /** Shows {@code completed} of {@code total} bytes; the first call starts the speed's clock. */
    void update(long completed, long total) {
        long now = nanoClock.getAsLong();
        if (rate == null) {
            rate = new TransferRate(now, completed);
        } else {
            rate.record(now, completed);
        }
        double fraction = total > 0 ? (double) completed / total : 0;
        bar.update(fraction, bar.redrawsInPlace() ? live(completed, total, rate)
                : ByteSize.format(completed) + "/" + ByteSize.format(total));
    }

    /** Shows the transfer done: the total alone, as Ollama shows a finished layer. */
    void finish(long total) {
        bar.finish(ByteSize.format(total));
    }

    /**
     * {@code 180 MB/396 MB   12 MB/s     18s}, without the last two while they are unknown (the
     * bar wipes what a longer line left behind).
     */
    static String live(long completed, long total, TransferRate rate) {
        StringBuilder detail = new StringBuilder()
                .append(pad(ByteSize.format(completed))).append('/').append(pad(ByteSize.format(total)));
        double bytesPerSecond = rate.bytesPerSecond();
        Duration remaining = rate.remaining(completed, total);
        if (bytesPerSecond > 0 && remaining != null) {
            detail.append("  ").append(pad(ByteSize.format((long) bytesPerSecond))).append("/s")
                    .append("  ").append(pad(TransferRate.format(remaining)));
        }
        return detail.toString();
    }

    private static String pad(String s) {
        return String.format(Locale.ROOT, "%" + SIZE_WIDTH + "s", s);
    }
}
