package jollama.server.registry;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks a running pull to stop, for example when its HTTP client went away. The pull stops
 * within a fraction of a second and leaves its partial files for a later pull to resume.
 * Interrupting the pulling thread has the same effect.
 */
public final class CancelSignal {

    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }
}
