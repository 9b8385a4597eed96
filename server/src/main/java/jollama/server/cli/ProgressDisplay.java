package jollama.server.cli;

import jollama.server.client.ProgressUpdate;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Shows the progress lines of {@code /api/pull} and {@code /api/create} on stderr as Ollama's CLI
 * does: a bar per blob ({@code pulling 1a2b3c4d5e6f:  45% ▕██   ▏ 180 MB/396 MB  12 MB/s  18s},
 * {@code 100% ... 396 MB} once done; see {@link TransferBar}) and every other status on a line of its own ({@code verifying sha256 digest}, {@code writing manifest}, {@code success}).
 * The server sends one blob's lines at a time, so one bar is drawn at a time. Not thread-safe.
 */
final class ProgressDisplay implements Consumer<ProgressUpdate>, AutoCloseable {

    /** How a blob's bar is labelled, and whether its first (empty) update is skipped. */
    enum Style {
        /** {@code pulling <12 hex>:}; the update with nothing done yet is left out, as Ollama does. */
        PULL,
        /** The status the server gave, e.g. {@code quantizing F16 model to Q4_K_M}. */
        CREATE
    }

    private final PrintStream err;
    private final Style style;
    private final boolean terminal;
    private final LongSupplier nanoClock;
    private TransferBar bar;
    private String barDigest;
    private long total;
    private long completed;
    private String status;
    private final Set<String> finished = new HashSet<>();

    ProgressDisplay(PrintStream err, Style style) {
        this(err, style, ProgressBar.redrawsInPlace(err), System::nanoTime);
    }

    /**
     * @param terminal  whether bars are redrawn in place (else plain lines, the same on every run)
     * @param nanoClock the time the bars redraw and measure speed by
     */
    ProgressDisplay(PrintStream err, Style style, boolean terminal, LongSupplier nanoClock) {
        this.err = err;
        this.style = style;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
    }

    @Override
    public void accept(ProgressUpdate update) {
        if (update.hasDigest()) {
            if (style == Style.PULL && update.completed() == 0) {
                return;
            }
            if (finished.contains(update.digest())) {
                return; // the server may repeat a blob's last line
            }
            if (!update.digest().equals(barDigest)) {
                endBar();
                bar = new TransferBar(new ProgressBar(err, label(update), terminal, nanoClock), nanoClock);
                barDigest = update.digest();
            }
            total = update.total();
            completed = update.completed();
            if (completed >= total) {
                endBar();
            } else {
                bar.update(completed, total);
            }
        } else if (!update.status().equals(status)) {
            endBar();
            status = update.status();
            err.println(status);
            err.flush();
        }
    }

    /** Ends the bar being drawn, if any (an interrupted one stays where it stopped). */
    @Override
    public void close() {
        endBar();
    }

    private void endBar() {
        if (bar == null) {
            return;
        }
        if (completed >= total) {
            bar.finish(total);
            finished.add(barDigest);
        } else if (terminal) {
            err.println(); // the bar was redrawn in place: end its line before what comes next
            err.flush();
        }
        bar = null;
        barDigest = null;
    }

    private String label(ProgressUpdate update) {
        if (style == Style.CREATE && !update.status().isEmpty()) {
            return update.status();
        }
        String hex = update.digest().startsWith("sha256:") ? update.digest().substring(7).strip() : update.digest();
        return "pulling " + hex.substring(0, Math.min(12, hex.length())) + ":";
    }
}
