package jollama.server.http.sched;

import jollama.engine.Model;
import jollama.engine.ModelSettings;
import jollama.server.http.catalog.CatalogModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads models on first use and unloads them when they have been idle for their keep_alive
 * (Ollama's server/sched.go, simplified to one machine):
 * <ul>
 *   <li>a model is keyed by its weights file, so two names of one blob share a runner;</li>
 *   <li>a request leases the runner; when the last lease is closed the idle timer starts, or
 *       the model unloads at once when its keep_alive is 0;</li>
 *   <li>at most {@code maxLoaded} models are loaded; loading another evicts the least recently
 *       used idle one, or waits until one is idle;</li>
 *   <li>a request with other load-time options (num_ctx) waits until the runner is idle and
 *       reloads it;</li>
 *   <li>at most {@code maxQueue} requests may wait (for a load, an eviction or a free sequence);
 *       one more fails at once with {@link ServerBusyException}.</li>
 * </ul>
 * Thread-safe; one instance per server.
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Scheduler.class.getName());

    /** Opens a model file; tests may count or slow the loads. */
    @FunctionalInterface
    public interface ModelOpener {
        Model open(Path path, ModelSettings settings) throws IOException;
    }

    private final int parallel;
    private final int maxLoaded;
    private final int maxQueue;
    private final KeepAlive defaultKeepAlive;
    private final ModelOpener opener;
    private final ScheduledExecutorService timers;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever a lease ends or a runner goes away: waiters re-check their condition. */
    private final Condition changed = lock.newCondition();
    private final Map<Path, Runner> runners = new HashMap<>();
    private int pending;
    private boolean closed;

    public Scheduler(int parallel, int maxLoaded, int maxQueue, KeepAlive defaultKeepAlive, ModelOpener opener) {
        this.parallel = parallel;
        this.maxLoaded = maxLoaded;
        this.maxQueue = maxQueue;
        this.defaultKeepAlive = defaultKeepAlive;
        this.opener = opener;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "jollama-keep-alive");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.timers = executor;
    }

    /** One loaded (or loading) model. Fields are guarded by the scheduler's lock. */
    private static final class Runner {
        final Path key;
        final CatalogModel model;
        final LoadSettings load;
        final CompletableFuture<Model> loaded = new CompletableFuture<>();
        int leases;
        KeepAlive keepAlive;
        Instant expiresAt;
        long lastUsed;
        ScheduledFuture<?> timer;
        boolean gone;

        Runner(CatalogModel model, LoadSettings load, KeepAlive keepAlive) {
            this.key = model.modelPath();
            this.model = model;
            this.load = load;
            this.keepAlive = keepAlive;
        }

        boolean isLoaded() {
            return loaded.isDone() && !loaded.isCompletedExceptionally();
        }
    }

    /**
     * Leases the model, loading it first when needed; blocks while it loads or while an
     * eviction or reload waits for idle runners.
     *
     * @param keepAlive the request's keep_alive, or null to keep the runner's (the default for a new one)
     * @throws ServerBusyException when maxQueue requests are already waiting
     * @throws IOException         when the model cannot be loaded (also engine errors, wrapped)
     */
    public Lease acquire(CatalogModel model, LoadSettings load, KeepAlive keepAlive)
            throws IOException, InterruptedException {
        Runner runner;
        boolean mustLoad = false;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the server is shutting down");
            }
            if (pending >= maxQueue) {
                throw new ServerBusyException();
            }
            pending++;
            try {
                while (true) {
                    if (closed) {
                        throw new IllegalStateException("the server is shutting down");
                    }
                    Runner existing = runners.get(model.modelPath());
                    if (existing != null) {
                        if (existing.load.equals(load)) {
                            runner = existing;
                            break;
                        }
                        // other load-time options: reload once nobody uses it
                        if (existing.leases == 0 && existing.loaded.isDone()) {
                            unloadLocked(existing);
                        } else {
                            changed.await();
                        }
                        continue;
                    }
                    if (runners.size() >= maxLoaded) {
                        Runner victim = leastRecentlyUsedIdle();
                        if (victim != null) {
                            unloadLocked(victim);
                        } else {
                            changed.await();
                        }
                        continue;
                    }
                    runner = new Runner(model, load, keepAlive != null ? keepAlive : defaultKeepAlive);
                    runners.put(runner.key, runner);
                    mustLoad = true;
                    break;
                }
            } catch (InterruptedException | RuntimeException e) {
                pending--;
                throw e;
            }
            runner.leases++;
            cancelTimer(runner);
            if (keepAlive != null) {
                runner.keepAlive = keepAlive;
            }
            runner.lastUsed = System.nanoTime();
            runner.expiresAt = expiry(runner.keepAlive);
        } finally {
            lock.unlock();
        }

        if (mustLoad) {
            try {
                runner.loaded.complete(opener.open(model.modelPath(), load.toModelSettings(parallel)));
            } catch (IOException | RuntimeException | Error e) {
                runner.loaded.completeExceptionally(e);
            }
        }
        try {
            runner.loaded.get();
        } catch (ExecutionException e) {
            failed(runner);
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(cause.getMessage(), cause);
        } catch (InterruptedException e) {
            failed(runner);
            throw e;
        }
        return new Lease(this, runner.loaded.getNow(null), runner);
    }

    /** A lease whose load failed: the failed runner leaves the table, the request leaves the queue. */
    private void failed(Runner runner) {
        lock.lock();
        try {
            runner.leases--;
            pending--;
            if (runners.get(runner.key) == runner) {
                runners.remove(runner.key);
                runner.gone = true;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The request holding the lease is no longer waiting: it has its sequence. */
    void started(Lease lease) {
        lock.lock();
        try {
            pending--;
        } finally {
            lock.unlock();
        }
    }

    void release(Lease lease, boolean stillPending) {
        Runner runner = (Runner) lease.runner();
        lock.lock();
        try {
            if (stillPending) {
                pending--;
            }
            runner.leases--;
            runner.lastUsed = System.nanoTime();
            if (runner.leases == 0 && !runner.gone) {
                idle(runner);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The runner has no requests: unload now (keep_alive 0) or when the timer fires. */
    private void idle(Runner runner) {
        cancelTimer(runner);
        runner.expiresAt = expiry(runner.keepAlive);
        if (runner.keepAlive.isZero()) {
            unloadLocked(runner);
        } else if (!runner.keepAlive.isForever()) {
            runner.timer = timers.schedule(() -> expire(runner), runner.keepAlive.duration().toNanos(),
                    TimeUnit.NANOSECONDS);
        }
    }

    private void expire(Runner runner) {
        lock.lock();
        try {
            if (!runner.gone && runner.leases == 0 && runner.expiresAt != null
                    && !Instant.now().isBefore(runner.expiresAt.minusMillis(5))) {
                unloadLocked(runner);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * keep_alive 0 with an empty prompt: unload the model now, or as soon as its requests end.
     * Nothing happens when it is not loaded.
     */
    public void unload(CatalogModel model) {
        lock.lock();
        try {
            Runner runner = runners.get(model.modelPath());
            if (runner == null) {
                return;
            }
            runner.keepAlive = KeepAlive.ZERO;
            if (runner.leases == 0 && runner.loaded.isDone()) {
                unloadLocked(runner);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Loaded models, latest expiry first. */
    public List<LoadedModel> loaded() {
        List<LoadedModel> out = new ArrayList<>();
        lock.lock();
        try {
            for (Runner r : runners.values()) {
                if (r.isLoaded()) {
                    Model m = r.loaded.getNow(null);
                    out.add(new LoadedModel(r.model, r.expiresAt, size(r.key), m.info().contextLength()));
                }
            }
        } finally {
            lock.unlock();
        }
        out.sort(Comparator.comparing(LoadedModel::expiresAt).reversed());
        return out;
    }

    /** Requests waiting for a load or a sequence (for tests and diagnostics). */
    public int pending() {
        lock.lock();
        try {
            return pending;
        } finally {
            lock.unlock();
        }
    }

    private Runner leastRecentlyUsedIdle() {
        Runner best = null;
        for (Runner r : runners.values()) {
            if (r.leases == 0 && r.loaded.isDone() && (best == null || r.lastUsed < best.lastUsed)) {
                best = r;
            }
        }
        return best;
    }

    /** Removes an idle runner and closes its model. */
    private void unloadLocked(Runner runner) {
        cancelTimer(runner);
        if (runners.get(runner.key) == runner) {
            runners.remove(runner.key);
        }
        runner.gone = true;
        Model model = runner.isLoaded() ? runner.loaded.getNow(null) : null;
        if (model != null) {
            try {
                model.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "closing " + runner.model.name() + ": " + e.getMessage(), e);
            }
        }
        changed.signalAll();
    }

    private void cancelTimer(Runner runner) {
        if (runner.timer != null) {
            runner.timer.cancel(false);
            runner.timer = null;
        }
    }

    private static Instant expiry(KeepAlive keepAlive) {
        Instant now = Instant.now();
        Duration d = keepAlive.duration();
        try {
            return now.plus(d);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return Instant.MAX;
        }
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Unloads every model; requests still running fail. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            for (Runner r : new ArrayList<>(runners.values())) {
                unloadLocked(r);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        timers.shutdownNow();
    }
}
