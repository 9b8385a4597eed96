package jollama.server.registry;

import jollama.server.store.Digest;
import jollama.server.store.ModelStore;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The download of one blob (§5.2-5.7), shared by every pull that needs it and run on its own
 * thread, so one client going away does not stop it for the others; it stops only when nobody
 * waits for it any more.
 *
 * <p>The blob is split into parts fetched in parallel with range requests from the direct URL
 * and written at their offsets into {@code sha256-<hex>-partial}. Each part's progress is saved
 * in {@code -partial-<N>} (after the data it counts has been synced), so a later download
 * resumes where this one stopped, whether it was cancelled, failed or killed. When every part is
 * complete the file is renamed to the blob; the caller verifies the digest.
 */
final class BlobDownload {

    private static final System.Logger LOG = System.getLogger("jollama.server.registry");
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final long POLL_MILLIS = 50;

    private final ModelStore store;
    private final Digest digest;
    private final long expectedSize;
    private final RegistrySession session;
    private final URI blobUrl;
    private final RegistryOptions options;
    private final Consumer<BlobDownload> onFinish;

    private volatile List<DownloadPart> parts = List.of();
    private volatile long total;
    private volatile Throwable failure;
    private final CountDownLatch done = new CountDownLatch(1);
    /** Set by {@link #cancel()}: nobody wants the blob any more. */
    private final AtomicBoolean cancelled = new AtomicBoolean();
    /** Set when a part failed for good: the other parts stop. */
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** Wakes back-off sleeps when cancelled or stopping. */
    private final CountDownLatch wake = new CountDownLatch(1);
    private final Object checkpointLock = new Object();
    private FileChannel channel;
    private int references;
    /** A cancelled download of the same blob still winding down; this one starts after it. */
    private final BlobDownload predecessor;

    BlobDownload(ModelStore store, Digest digest, long expectedSize, RegistrySession session, URI blobUrl,
                 BlobDownload predecessor, Consumer<BlobDownload> onFinish) {
        this.predecessor = predecessor;
        this.store = store;
        this.digest = digest;
        this.expectedSize = expectedSize;
        this.total = expectedSize;
        this.session = session;
        this.blobUrl = blobUrl;
        this.options = session.options();
        this.onFinish = onFinish;
    }

    Digest digest() {
        return digest;
    }

    void start() {
        Thread.ofVirtual().name("pull-" + digest.shortHex()).start(this::run);
    }

    /** Adds a waiter unless the download is finished or being cancelled. */
    synchronized boolean tryAcquire() {
        if (cancelled.get() || isDone()) {
            return false;
        }
        references++;
        return true;
    }

    /** Drops one waiter; the last one leaving an unfinished download cancels it. */
    synchronized void release() {
        if (--references == 0 && !isDone()) {
            cancel();
        }
    }

    void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            wake.countDown();
        }
    }

    boolean isCancelled() {
        return cancelled.get();
    }

    boolean isDone() {
        return done.getCount() == 0;
    }

    /** @return true when the download has finished (successfully or not) */
    boolean awaitDone(Duration timeout) throws InterruptedException {
        return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Why it failed, or null. */
    Throwable failure() {
        return failure;
    }

    long total() {
        return total;
    }

    long completed() {
        if (isDone() && failure == null) {
            return total;
        }
        long sum = 0;
        for (DownloadPart part : parts) {
            sum += part.completed();
        }
        return sum;
    }

    private void run() {
        try {
            download();
        } catch (Throwable t) {
            failure = t;
        } finally {
            done.countDown();
            onFinish.accept(this);
        }
    }

    @SuppressWarnings("try") // the file lock is held for the block, never read
    private void download() throws IOException {
        if (predecessor != null) {
            // it still holds the partial file; its saved progress is where this one resumes
            try {
                while (!predecessor.awaitDone(Duration.ofMillis(POLL_MILLIS))) {
                    checkStop();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PullCancelledException();
            }
        }
        if (store.hasBlob(digest)) {
            return;
        }
        Files.createDirectories(store.blobsDir());
        List<DownloadPart> loaded = loadParts();
        if (loaded == null) {
            deleteProgressFiles();
            long size = session.blobSize(blobUrl, this::checkStop);
            total = size >= 0 ? size : expectedSize;
            loaded = split(total);
        } else {
            total = loaded.stream().mapToLong(p -> p.size).sum();
            LOG.log(Level.INFO, "resuming " + digest.shortHex() + " at " + loaded.stream().mapToLong(
                    DownloadPart::completed).sum() + " of " + total + " bytes");
        }
        parts = loaded;

        Path partial = store.partialFile(digest);
        try (FileChannel file = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
             FileLock lock = lock(file)) {
            long onDisk = file.size();
            for (DownloadPart part : loaded) {
                part.clampTo(onDisk); // progress past the end of the file was lost with the data
            }
            if (onDisk > total) {
                file.truncate(total);
            } else if (onDisk < total) {
                file.write(ByteBuffer.wrap(new byte[1]), total - 1); // pre-size; the gap stays sparse
            }
            synchronized (checkpointLock) {
                channel = file;
            }
            checkpoint();
            if (loaded.stream().anyMatch(p -> !p.isDone())) {
                URI direct = resolveDirectUrl();
                runParts(direct);
            }
            file.force(true);
            synchronized (checkpointLock) {
                channel = null;
            }
        }
        store.commitPartial(digest);
        deleteProgressFiles();
    }

    private static FileLock lock(FileChannel file) throws IOException {
        FileLock lock;
        try {
            lock = file.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IOException("the blob is being downloaded by another process");
        }
        return lock;
    }

    /** The saved parts, or null when there are none or they do not describe one whole blob. */
    private List<DownloadPart> loadParts() throws IOException {
        List<Path> files = store.partialProgressFiles(digest);
        if (files.isEmpty()) {
            return null;
        }
        List<DownloadPart> loaded = new ArrayList<>();
        for (Path file : files) {
            try {
                DownloadPart part = DownloadPart.parse(Files.readAllBytes(file));
                part.markSaved(part.completed());
                loaded.add(part);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "discarding partial download of " + digest.shortHex() + ": " + file
                        + ": " + e.getMessage());
                return null;
            }
        }
        loaded.sort(Comparator.comparingInt(p -> p.n));
        long offset = 0;
        for (int i = 0; i < loaded.size(); i++) {
            DownloadPart part = loaded.get(i);
            if (part.n != i || part.offset != offset) {
                LOG.log(Level.WARNING, "discarding partial download of " + digest.shortHex() + ": parts do not tile");
                return null;
            }
            offset += part.size;
        }
        if (offset != expectedSize) {
            LOG.log(Level.WARNING, "discarding partial download of " + digest.shortHex() + ": " + offset
                    + " bytes in parts, the manifest says " + expectedSize);
            return null;
        }
        return loaded;
    }

    private List<DownloadPart> split(long size) {
        List<DownloadPart> result = new ArrayList<>();
        long partSize = options.partSize(size);
        for (long offset = 0; offset < size; offset += partSize) {
            result.add(new DownloadPart(result.size(), offset, Math.min(partSize, size - offset), 0));
        }
        return result;
    }

    private void deleteProgressFiles() throws IOException {
        for (Path file : store.partialProgressFiles(digest)) {
            Files.deleteIfExists(file);
        }
    }

    /** Saves each part's progress, after syncing the data it counts. */
    private void checkpoint() throws IOException {
        synchronized (checkpointLock) {
            if (channel == null || !channel.isOpen()) {
                return;
            }
            long[] values = new long[parts.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = parts.get(i).completed();
            }
            channel.force(false);
            for (int i = 0; i < values.length; i++) {
                DownloadPart part = parts.get(i);
                if (values[i] != part.saved()) {
                    store.writePartialProgress(digest, part.n, part.toJson(values[i]));
                    part.markSaved(values[i]);
                }
            }
        }
    }

    private void checkpointQuietly() {
        try {
            checkpoint();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not save download progress of " + digest.shortHex() + ": " + e.getMessage());
        }
    }

    private void checkStop() throws PullCancelledException {
        if (cancelled.get() || stopping.get()) {
            throw new PullCancelledException();
        }
    }

    /** §5.3: retried with a growing back-off for up to {@code directUrlTimeout}; HTTP errors fail at once. */
    private URI resolveDirectUrl() throws IOException {
        long deadline = System.nanoTime() + options.directUrlTimeout().toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return session.directUrl(blobUrl, this::checkStop);
            } catch (PullCancelledException | HttpStatusException e) {
                if (e instanceof HttpStatusException status && status.status() >= 500) {
                    retryOrThrow(deadline, attempt, e);
                    continue;
                }
                throw e;
            } catch (IOException e) {
                retryOrThrow(deadline, attempt, e);
            }
        }
    }

    private void retryOrThrow(long deadline, int attempt, IOException error) throws IOException {
        // n^2 * 10 ms, capped at 10 s, jittered to 0.5-1.5x
        long millis = Math.min(attempt * attempt * 10L, 10_000L);
        millis = (long) (millis * (0.5 + ThreadLocalRandom.current().nextDouble()));
        if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis) > deadline) {
            throw new IOException(NetErrors.describe("GET", blobUrl, error), error);
        }
        sleep(Duration.ofMillis(millis));
    }

    private void runParts(URI direct) throws IOException {
        Semaphore slots = new Semaphore(options.maxParallelParts());
        List<Future<?>> futures = new ArrayList<>();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        boolean interrupted = false;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (DownloadPart part : parts) {
                if (part.isDone()) {
                    continue;
                }
                futures.add(executor.submit(() -> {
                    slots.acquire();
                    try {
                        runPart(part, direct);
                    } catch (PullCancelledException e) {
                        throw e;
                    } catch (IOException | RuntimeException e) {
                        if (firstFailure.compareAndSet(null, e)) {
                            stopping.set(true);
                            wake.countDown();
                        }
                        throw e;
                    } finally {
                        slots.release();
                    }
                    return null;
                }));
            }
            long nextCheckpoint = System.nanoTime() + options.checkpointInterval().toNanos();
            for (Future<?> future : futures) {
                while (true) {
                    try {
                        future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                        break;
                    } catch (TimeoutException e) {
                        if (System.nanoTime() >= nextCheckpoint) {
                            checkpointQuietly();
                            nextCheckpoint = System.nanoTime() + options.checkpointInterval().toNanos();
                        }
                    } catch (ExecutionException e) {
                        break;
                    } catch (InterruptedException e) {
                        cancel();
                        interrupted = true;
                    }
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        checkpointQuietly();
        Throwable failed = firstFailure.get();
        if (failed instanceof IOException io) {
            throw io;
        }
        if (failed != null) {
            throw new IOException(failed.toString(), failed);
        }
        if (cancelled.get()) {
            throw new PullCancelledException();
        }
        for (DownloadPart part : parts) {
            if (!part.isDone()) {
                throw new IOException("part " + part.n + " of " + digest.shortHex() + " is incomplete");
            }
        }
    }

    /** §5.5: stalls restart the part for free, other errors use up one of the attempts. */
    private void runPart(DownloadPart part, URI direct) throws IOException {
        int failures = 0;
        while (!part.isDone()) {
            checkStop();
            try {
                attempt(part, direct);
                if (!part.isDone()) {
                    throw new IOException("unexpected EOF: the connection ended " + part.remaining()
                            + " bytes before the end of the part");
                }
            } catch (PullCancelledException e) {
                throw e;
            } catch (StallException e) {
                LOG.log(Level.INFO, digest.shortHex() + " part " + part.n + " stalled; retrying");
            } catch (IOException e) {
                if (NetErrors.isNoSpace(e)) {
                    throw e;
                }
                failures++;
                if (failures >= options.maxRetries()) {
                    throw new IOException("max retries exceeded: " + NetErrors.describe("GET", direct, e), e);
                }
                Duration delay = options.retryBaseDelay().multipliedBy(1L << Math.min(failures - 1, 20));
                LOG.log(Level.INFO, digest.shortHex() + " part " + part.n + " attempt " + failures + " failed: "
                        + NetErrors.reason(e) + ", retrying in " + delay.toMillis() + " ms");
                sleep(delay);
            } finally {
                checkpointQuietly();
            }
        }
    }

    /** One ranged GET for the rest of the part. */
    private void attempt(DownloadPart part, URI direct) throws IOException {
        long start = part.startsAt();
        long before = part.completed();
        part.touch();
        AtomicReference<RangeWriter> writer = new AtomicReference<>();
        AtomicReference<String> badRange = new AtomicReference<>();
        BodyHandler<Long> handler = info -> {
            int status = info.statusCode();
            if (status == 206) {
                String range = info.headers().firstValue("content-range").orElse("");
                Matcher m = CONTENT_RANGE.matcher(range);
                if (!m.matches() || Long.parseLong(m.group(1)) != start) {
                    badRange.set(range);
                    return BodySubscribers.replacing(null);
                }
                writer.set(new RangeWriter(channel, part, 0));
                return writer.get();
            }
            if (status == 200) {
                // the server ignored the range: skip to where this part resumes
                writer.set(new RangeWriter(channel, part, start));
                return writer.get();
            }
            return BodySubscribers.replacing(null);
        };
        RegistrySession.Watch watch = () -> {
            try {
                checkStop();
                if (part.nanosSinceProgress() > options.stallTimeout().toNanos()) {
                    throw part.completed() > before
                            ? new StallException("no data for " + options.stallTimeout().toSeconds() + " s")
                            : new IOException("no data received for " + options.stallTimeout().toSeconds() + " s");
                }
            } catch (IOException e) {
                RangeWriter w = writer.get();
                if (w != null) {
                    w.abort(e);
                }
                throw e;
            }
        };
        HttpResponse<Long> response;
        try {
            response = session.send("GET", direct, Map.of("Range", "bytes=" + start + "-" + (part.stopsAt() - 1)),
                    handler, RegistrySession.Redirects.ALL, false, watch);
        } catch (IOException e) {
            // make sure no write of this response lands after we return
            RangeWriter w = writer.get();
            if (w != null) {
                w.abort(e);
            }
            throw e;
        }
        int status = response.statusCode();
        if (badRange.get() != null) {
            throw new IOException("asked for bytes from " + start + ", the server sent \"" + badRange.get() + "\"");
        }
        if (status != 200 && status != 206) {
            throw status >= 400 ? new HttpStatusException(status, "")
                    : new IOException("unexpected status code " + status);
        }
    }

    private void sleep(Duration delay) throws PullCancelledException {
        try {
            wake.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            cancel();
            Thread.currentThread().interrupt();
        }
        checkStop();
    }
}
