package jollama.server.cli;

import jollama.server.client.ProgressUpdate;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Shows the progress lines of {@code /api/pull} and {@code /api/create} on stderr as Ollama's CLI
 * does: a bar per blob ({@code pulling 1a2b3c4d5e6f: 100% ▕████▏ 396 MB}) and every other status
 * on a line of its own ({@code verifying sha256 digest}, {@code writing manifest}, {@code success}).
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
    private ProgressBar bar;
    private String barDigest;
    private long total;
    private long completed;
    private String status;
    private final Set<String> finished = new HashSet<>();

    ProgressDisplay(PrintStream err, Style style) {
        this.err = err;
        this.style = style;
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
                bar = ProgressBar.on(err, label(update));
                barDigest = update.digest();
            }
            total = update.total();
            completed = update.completed();
            if (completed >= total) {
                endBar();
            } else {
                bar.update(total > 0 ? (double) completed / total : 0,
                        ByteSize.format(completed) + "/" + ByteSize.format(total));
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
            bar.finish(ByteSize.format(total));
            finished.add(barDigest);
        } else if (err == System.err && System.console() != null && System.console().isTerminal()) {
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
