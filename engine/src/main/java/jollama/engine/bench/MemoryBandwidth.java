package jollama.engine.bench;

import jollama.quant.StreamRead;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The machine's memory read bandwidth: {@code threads} threads each stream their share of a
 * 1 GiB buffer (far larger than any cache) with the kernels' wide loads ({@link StreamRead}); the
 * best of a few passes counts.
 */
public final class MemoryBandwidth {

    private static final long BYTES = 1L << 30;
    private static final int PASSES = 4;

    private MemoryBandwidth() {
    }

    /** Bytes per second. */
    public static double measure(int threads) {
        try (Arena arena = Arena.ofShared();
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            MemorySegment buffer = arena.allocate(BYTES, 64);
            buffer.fill((byte) 1);
            long share = BYTES / threads / 8 * 8;
            double best = 0;
            for (int pass = 0; pass < PASSES; pass++) {
                long start = System.nanoTime();
                Future<?>[] parts = new Future<?>[threads];
                for (int t = 0; t < threads; t++) {
                    MemorySegment part = buffer.asSlice(t * share, share);
                    parts[t] = pool.submit(() -> StreamRead.sum(part));
                }
                for (Future<?> f : parts) {
                    f.get(); // the sums leave their threads, so no read can be elided
                }
                long elapsed = System.nanoTime() - start;
                best = Math.max(best, share * threads * 1e9 / elapsed);
            }
            return best;
        } catch (Exception e) {
            throw new IllegalStateException("memory bandwidth measurement failed", e);
        }
    }
}
