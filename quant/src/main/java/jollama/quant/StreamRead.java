package jollama.quant;

import java.lang.foreign.MemorySegment;

/**
 * Reads a segment from end to end as fast as the machine allows, for measuring memory bandwidth:
 * the decode kernels stream weights the same way, so this is the ceiling they are held to.
 */
public final class StreamRead {

    private StreamRead() {
    }

    /**
     * The sum of the segment's little-endian longs (whole ones; wrapping), so that no read can be
     * elided; with the Vector API, as wide loads with independent accumulators.
     */
    public static long sum(MemorySegment segment) {
        return Simd.ENABLED ? StreamReadVector.sum(segment) : sumScalar(segment);
    }

    /** The scalar twin of {@link #sum}. */
    public static long sumScalar(MemorySegment segment) {
        long n = segment.byteSize() / Long.BYTES;
        long a = 0;
        long b = 0;
        long i = 0;
        for (; i + 1 < n; i += 2) {
            a += segment.get(Layouts.I64, i * Long.BYTES);
            b += segment.get(Layouts.I64, (i + 1) * Long.BYTES);
        }
        for (; i < n; i++) {
            a += segment.get(Layouts.I64, i * Long.BYTES);
        }
        return a + b;
    }
}
