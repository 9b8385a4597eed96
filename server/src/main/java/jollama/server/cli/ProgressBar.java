package jollama.server.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * An Ollama-style progress line on stderr: {@code quantizing model  45% ▕████████      ▏ 120/311 tensors}.
 * On a terminal it redraws in place (carriage return) at most every 100 ms; elsewhere (a log, a
 * pipe) it prints a plain line at each 10 % step, so logs stay short and readable.
 * Not thread-safe: feed it from one thread.
 */
final class ProgressBar {

    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 25;

    private final PrintStream to;
    private final String label;
    private final boolean terminal;
    private final LongSupplier nanoClock;
    private long lastDraw;
    private boolean drawn;
    private int lastLength;
    private int lastStep = -1;

    ProgressBar(PrintStream to, String label, boolean terminal, LongSupplier nanoClock) {
        this.to = to;
        this.label = label;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
    }

    /** A bar on {@code err}, redrawn in place only when that is the process's stderr on a terminal. */
    static ProgressBar on(PrintStream err, String label) {
        return new ProgressBar(err, label, redrawsInPlace(err), System::nanoTime);
    }

    /**
     * Whether bars on {@code err} can be redrawn in place: only on the process's own stderr, and
     * only when the JDK sees a terminal (stdin and stdout both), so a redirected run gets plain lines.
     */
    static boolean redrawsInPlace(PrintStream err) {
        var console = System.console();
        return err == System.err && console != null && console.isTerminal();
    }

    /** Whether this bar redraws one line in place (else it prints a plain line per 10 % step). */
    boolean redrawsInPlace() {
        return terminal;
    }

    /** Shows {@code fraction} (0 to 1) done, with {@code detail} after the bar. */
    void update(double fraction, String detail) {
        int percent = percent(fraction);
        if (terminal) {
            long now = nanoClock.getAsLong();
            if (!drawn || now - lastDraw >= REDRAW_NANOS) {
                redraw(percent, detail);
                lastDraw = now;
            }
        } else if (percent / 10 > lastStep && percent < 100) { // 100 % is finish's line, with the final count
            lastStep = percent / 10;
            to.println(plainLine(percent, detail));
        }
    }

    /** Shows the final state and ends the line. */
    void finish(String detail) {
        if (terminal) {
            redraw(100, detail);
            to.println();
        } else {
            to.println(plainLine(100, detail));
        }
        to.flush();
    }

    private void redraw(int percent, String detail) {
        String line = barLine(percent, detail);
        // Pad over the remains of a longer previous line (the detail can shrink).
        String pad = " ".repeat(Math.max(0, lastLength - line.length()));
        to.print("\r" + line + pad);
        to.flush();
        lastLength = line.length();
        drawn = true;
    }

    String barLine(int percent, String detail) {
        int full = percent * WIDTH / 100;
        return String.format(Locale.ROOT, "%s %3d%% ▕%s%s▏ %s", label, percent, "█".repeat(full),
                " ".repeat(WIDTH - full), detail);
    }

    private String plainLine(int percent, String detail) {
        return String.format(Locale.ROOT, "%s %3d%% %s", label, percent, detail);
    }

    private static int percent(double fraction) {
        return (int) Math.max(0, Math.min(100, Math.floor(fraction * 100)));
    }
}
