package jollama.quant;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of worker threads for the matrix kernels, created once and reused for every call.
 *
 * <p>Decode calls a matrix-vector product a few hundred times per token, each worth tens of
 * microseconds, so dispatch must cost far less than that: no task objects, no queues, no
 * ForkJoin. A call publishes the task and bumps a volatile generation counter; workers spin on it
 * for a short while after each job (the next one usually follows within microseconds) and only
 * then park, and the caller itself runs worker 0's share. Completion is a countdown the caller
 * spins on, parking only if a worker is slow.
 *
 * <p>On a shared machine a worker may not be running when a job arrives. Each worker's share is
 * therefore claimed with a CAS, by the worker when it wakes or by the caller once its own share
 * is done: the caller runs the shares of workers that have not started instead of waiting for
 * the scheduler to bring them back.
 *
 * <p>One {@link #run} at a time: concurrent callers queue on a lock, a call from inside a task
 * (which could never complete) is refused. Not global state: the engine owns the pool, passes it
 * to whoever needs it, and {@link #close}s it.
 */
public final class ParallelPool implements AutoCloseable {

    /** How long a worker (or the caller) spins before parking, from {@code jollama.pool.spin.micros}. */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(
            Long.getLong("jollama.pool.spin.micros", 200));

    private final int threads;
    private final Worker[] workers;
    private final ReentrantLock callers = new ReentrantLock();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile ParallelTask task;
    private volatile int generation;
    private volatile boolean closed;
    private volatile Thread waiter;
    private volatile boolean waiterParked;

    /** A pool of {@code threads} workers in all, the calling thread being one of them. */
    public ParallelPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1);
            workers[i].start();
        }
    }

    /** A pool with one worker per available processor. */
    public static ParallelPool create() {
        return new ParallelPool(Runtime.getRuntime().availableProcessors());
    }

    /** Workers in all, the caller included. */
    public int threads() {
        return threads;
    }

    /**
     * Runs {@code task.run(w, threads())} for every worker w, the caller taking w = 0, and returns
     * when all are done. A failure in any worker is rethrown here (the first one).
     */
    public void run(ParallelTask task) {
        if (Thread.currentThread() instanceof Worker w && w.pool() == this || callers.isHeldByCurrentThread()) {
            throw new IllegalStateException("ParallelPool.run called from inside one of its own tasks");
        }
        callers.lock();
        try {
            if (closed) {
                throw new IllegalStateException("ParallelPool is closed");
            }
            if (threads == 1) {
                task.run(0, 1);
                return;
            }
            this.task = task;
            pending.set(threads - 1);
            int g = generation + 1;
            generation = g; // single writer (we hold the lock); the volatile write publishes task
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w);
                }
            }
            Throwable own = null;
            try {
                task.run(0, threads);
                for (Worker w : workers) {
                    if (w.claim(g)) { // not started yet: do its share here rather than wait for it
                        try {
                            task.run(w.index, threads);
                        } finally {
                            pending.decrementAndGet();
                        }
                    }
                }
            } catch (Throwable t) {
                own = t;
                for (Worker w : workers) {
                    if (w.claim(g)) {
                        pending.decrementAndGet();
                    }
                }
            }
            awaitWorkers();
            this.task = null;
            Throwable theirs = failure.getAndSet(null);
            rethrow(own != null ? own : theirs);
        } finally {
            callers.unlock();
        }
    }

    private void awaitWorkers() {
        long deadline = 0;
        int spins = 0;
        while (pending.get() != 0) {
            if (++spins < 256) {
                Thread.onSpinWait();
                continue;
            }
            spins = 0;
            long now = System.nanoTime();
            if (deadline == 0) {
                deadline = now + SPIN_NANOS;
            } else if (now - deadline > 0) {
                waiter = Thread.currentThread();
                waiterParked = true;
                if (pending.get() != 0) {
                    LockSupport.parkNanos(this, 1_000_000);
                }
                waiterParked = false;
            }
        }
    }

    private static void rethrow(Throwable t) {
        if (t == null) {
            return;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("parallel task failed", t);
    }

    /** Stops the workers; {@link #run} fails afterwards. Idempotent. */
    @Override
    public void close() {
        callers.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            generation = generation + 1;
        } finally {
            callers.unlock();
        }
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
        for (Worker w : workers) {
            try {
                w.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private final class Worker extends Thread {

        private final int index;
        /** The last generation whose share of work was claimed, by this worker or by the caller. */
        private final AtomicInteger claimed = new AtomicInteger();
        volatile boolean parked;

        Worker(int index) {
            super("jollama-worker-" + index);
            this.index = index;
            setDaemon(true);
        }

        ParallelPool pool() {
            return ParallelPool.this;
        }

        /** Takes this worker's share of generation g; false if someone already did. */
        boolean claim(int g) {
            return claimed.compareAndSet(g - 1, g);
        }

        @Override
        public void run() {
            int seen = 0;
            while (true) {
                seen = awaitGeneration(seen);
                if (closed) {
                    return;
                }
                if (!claim(seen)) {
                    continue; // the caller ran this share already
                }
                try {
                    task.run(index, threads);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
                if (pending.decrementAndGet() == 0 && waiterParked) {
                    LockSupport.unpark(waiter);
                }
            }
        }

        private int awaitGeneration(int seen) {
            long deadline = 0;
            int spins = 0;
            while (true) {
                int g = generation;
                if (g != seen) {
                    return g;
                }
                if (++spins < 256) {
                    Thread.onSpinWait();
                    continue;
                }
                spins = 0;
                long now = System.nanoTime();
                if (deadline == 0) {
                    deadline = now + SPIN_NANOS;
                } else if (now - deadline > 0) {
                    parked = true;
                    if (generation == seen) { // re-check after announcing: run() unparks whoever it sees parked
                        LockSupport.park(this);
                    }
                    parked = false;
                }
            }
        }
    }
}
