package jollama.server.cli;

import java.io.PrintStream;

/**
 * Ollama's braille spinner on stderr while the model loads or reads the prompt, erased before
 * the answer starts. Only drawn on a terminal: in a pipe it would be noise.
 */
final class Spinner implements AutoCloseable {

    private static final String[] FRAMES = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};
    private static final long FRAME_MILLIS = 100;

    private final PrintStream err;
    private final Thread thread;
    private volatile boolean running = true;

    private Spinner(PrintStream err, boolean enabled) {
        this.err = err;
        this.thread = enabled ? Thread.ofPlatform().daemon().name("jollama-spinner").start(this::spin) : null;
    }

    static Spinner start(PrintStream err, boolean enabled) {
        return new Spinner(err, enabled);
    }

    private void spin() {
        for (int frame = 0; running; frame = (frame + 1) % FRAMES.length) {
            err.print("\r" + FRAMES[frame] + " ");
            err.flush();
            try {
                Thread.sleep(FRAME_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops and erases the spinner; safe to call more than once. */
    void stop() {
        if (thread == null || !running) {
            return;
        }
        running = false;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.print("\r\033[K");
        err.flush();
    }

    @Override
    public void close() {
        stop();
    }
}
