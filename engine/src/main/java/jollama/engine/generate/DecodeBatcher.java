package jollama.engine.generate;

import jollama.models.LanguageModel;
import jollama.models.Sequence;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Gathers the decode steps of generations running at the same time into one
 * {@link LanguageModel#decode} call, so that the weights are read once per step for all of them
 * rather than once per generation.
 *
 * <p>A generation that wants its next token's logits queues a request. If no step is running, it
 * becomes the step's leader: it waits until every generation that is decoding has queued (they
 * arrive within microseconds of each other, each having just sampled its previous token), or
 * {@link #GATHER_NANOS} at most, then runs one step for all queued requests while later arrivals
 * queue for the next. Nothing is allocated per step: requests and arrays are sized to the slots.
 */
final class DecodeBatcher {

    /** How long a leader waits for stragglers: a small share of a decode step, which takes milliseconds. */
    static final long GATHER_NANOS = TimeUnit.MICROSECONDS.toNanos(
            Long.getLong("jollama.decode.gather.micros", 2_000));

    /** One generation's pending step. */
    static final class Request {
        final Sequence sequence;
        int token;
        float[] logits;
        RuntimeException failure;
        boolean queued;

        Request(Sequence sequence) {
            this.sequence = sequence;
        }
    }

    private final LanguageModel model;
    private final long gatherNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Request[] queue;
    private final Request[] step;
    private final Sequence[] sequences;
    private final int[] tokens;
    private final float[][] logits;
    private int queued;
    private int decoding;
    private boolean running;
    private long lastStepEnd;

    DecodeBatcher(LanguageModel model, int maxSequences) {
        this(model, maxSequences, GATHER_NANOS);
    }

    DecodeBatcher(LanguageModel model, int maxSequences, long gatherNanos) {
        this.model = model;
        this.gatherNanos = gatherNanos;
        this.lastStepEnd = System.nanoTime() - gatherNanos; // nanoTime may be negative: no zero start
        this.queue = new Request[maxSequences];
        this.step = new Request[maxSequences];
        this.sequences = new Sequence[maxSequences];
        this.tokens = new int[maxSequences];
        this.logits = new float[maxSequences][];
    }

    /** A generation starts decoding: leaders wait for its requests too. */
    void joined() {
        lock.lock();
        try {
            decoding++;
        } finally {
            lock.unlock();
        }
    }

    /** A generation stopped decoding: leaders no longer wait for it. */
    void left() {
        lock.lock();
        try {
            decoding--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Evaluates {@code token} after the request's sequence, batched with whoever decodes now; returns the logits. */
    float[] decode(Request request, int token) {
        request.token = token;
        request.logits = null;
        request.failure = null;
        boolean interrupted = false;
        lock.lock();
        try {
            request.queued = true;
            queue[queued++] = request;
            changed.signalAll();
            long queuedAt = System.nanoTime();
            while (request.queued) {
                if (!running) {
                    // the gathering window opens when the step can start: those who were in the
                    // last step need a moment to sample before they queue again
                    long opened = queuedAt - lastStepEnd > 0 ? queuedAt : lastStepEnd;
                    long left = opened + gatherNanos - System.nanoTime();
                    if (queued >= decoding || left <= 0) {
                        lead();
                        continue;
                    }
                    try {
                        changed.awaitNanos(left);
                    } catch (InterruptedException e) {
                        interrupted = true; // the step may already include this request: finish it, keep the flag
                    }
                } else {
                    changed.awaitUninterruptibly();
                }
            }
        } finally {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (request.failure != null) {
            throw request.failure;
        }
        return request.logits;
    }

    /** Runs one step for everything queued; called and returns with the lock held. */
    private void lead() {
        int n = queued;
        for (int i = 0; i < n; i++) {
            step[i] = queue[i];
            queue[i] = null;
            sequences[i] = step[i].sequence;
            tokens[i] = step[i].token;
        }
        queued = 0;
        running = true;
        lock.unlock();
        RuntimeException failure = null;
        try {
            model.decode(sequences, tokens, n, logits);
        } catch (RuntimeException e) {
            failure = e;
        } catch (Error e) {
            failure = new IllegalStateException("the decode step failed: " + e, e);
            throw e;
        } finally {
            lock.lock();
            for (int i = 0; i < n; i++) {
                Request r = step[i];
                r.logits = logits[i];
                r.failure = failure;
                r.queued = false;
                step[i] = null;
                sequences[i] = null;
                logits[i] = null;
            }
            running = false;
            lastStepEnd = System.nanoTime();
            changed.signalAll();
        }
    }
}
