package jollama.server.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.function.BooleanSupplier;

/**
 * Routes Ctrl-C (SIGINT) to a handler instead of ending the JVM, so that it stops the answer
 * being generated as in {@code ollama run}. The JDK has no public API for this;
 * {@code sun.misc.Signal} (module jdk.unsupported) is the supported-in-practice one. Where it is
 * unavailable (another runtime, or -Xrs), Ctrl-C keeps its default meaning: the program ends.
 */
final class Interrupts implements AutoCloseable {

    private static final String SIGINT = "INT";

    private final SignalHandler previous;

    private Interrupts(SignalHandler previous) {
        this.previous = previous;
    }

    /**
     * Installs {@code onInterrupt} until {@link #close()}; it runs on a JVM signal thread and
     * returns whether it dealt with the interrupt. When it did not (nothing to stop), Ctrl-C does
     * what it did before: by default the program ends.
     */
    static Interrupts install(BooleanSupplier onInterrupt) {
        try {
            Signal sigint = new Signal(SIGINT);
            SignalHandler[] previous = new SignalHandler[1];
            previous[0] = Signal.handle(sigint, signal -> {
                if (!onInterrupt.getAsBoolean()) {
                    fallBack(previous[0], signal);
                }
            });
            return new Interrupts(previous[0]);
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            return new Interrupts(null);
        }
    }

    private static void fallBack(SignalHandler previous, Signal signal) {
        try {
            if (previous != null && previous != SignalHandler.SIG_IGN) {
                previous.handle(signal);
            }
        } catch (UnsupportedOperationException nativeDefault) {
            Runtime.getRuntime().exit(128 + signal.getNumber()); // what the native default does: 130
        }
    }

    @Override
    public void close() {
        if (previous != null) {
            try {
                Signal.handle(new Signal(SIGINT), previous);
            } catch (IllegalArgumentException e) {
                // the handler stays ours: the program is ending anyway
            }
        }
    }
}
