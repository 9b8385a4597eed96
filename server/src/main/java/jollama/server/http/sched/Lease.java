package jollama.server.http.sched;

import jollama.engine.Model;

/**
 * A request's hold on a loaded model: while any lease is open the model stays loaded and its
 * idle timer is stopped. Close it exactly once, when the request is done with the model.
 */
public final class Lease implements AutoCloseable {

    private final Scheduler scheduler;
    private final Model model;
    private final Object runner;
    private boolean pending = true;
    private boolean closed;

    Lease(Scheduler scheduler, Model model, Object runner) {
        this.scheduler = scheduler;
        this.model = model;
        this.runner = runner;
    }

    public Model model() {
        return model;
    }

    Object runner() {
        return runner;
    }

    /**
     * The request got its sequence and is running: it no longer counts against OLLAMA_MAX_QUEUE.
     * Idempotent.
     */
    public void started() {
        if (pending && !closed) {
            pending = false;
            scheduler.started(this);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            scheduler.release(this, pending);
            pending = false;
        }
    }
}
