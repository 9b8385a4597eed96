package jollama.quant;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * The input of a matrix product, prepared once for every row of every matrix that reads it:
 * {@code rows} activation vectors of {@code cols} floats, copied into native memory, plus the
 * per-block sums of x that the K-quant kernels need for their offset terms (Q4_K's mins, Q6_K's
 * bias of 32).
 *
 * <p>Why native memory: C2 addresses a native segment with a register and a constant
 * displacement, while a {@code float[]} index costs an add and a sign extension per load and an
 * extra live register; in the single-row dot kernels, which hold a dozen vectors, that decided
 * between tight code and spills (Q4_K 2.4 → 4.0 M rows of 4096 per second on one core, in
 * cache). A heap segment over the array would not do: C2 compiles its accesses with a base
 * object and type checks, at half the speed. The multi-row kernels ({@code dot4}) still read
 * {@link #values()}: four rows of segment loads exceed C2's inlining budget. Copying the input
 * costs a few hundred nanoseconds per product, against milliseconds of weights.
 *
 * <p>Reused across products (nothing is allocated once the buffers are large enough); not thread
 * safe while being {@link #set}, read-only (and so shareable) while products run.
 */
public final class Activations {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private float[] values = new float[0];
    private MemorySegment segment = MemorySegment.NULL;
    private float[] q4kSums = new float[0];
    private float[] q6kSums = new float[0];
    private boolean q4kReady;
    private boolean q6kReady;
    private int rows;
    private int cols;

    /** Rows of {@code cols} floats; fill with {@link #set}. */
    public Activations() {
    }

    /** One prepared row (allocates: for single products outside the hot path). */
    public static Activations of(float[] x, int offset, int cols) {
        Activations a = new Activations();
        a.set(x, offset, 1, cols);
        return a;
    }

    /** Copies {@code rows · cols} floats from {@code x[offset ..]}; block sums are computed on demand. */
    public void set(float[] x, int offset, int rows, int cols) {
        int count = Math.multiplyExact(rows, cols);
        Objects.checkFromIndexSize(offset, count, x.length);
        if (values.length < count) {
            values = new float[count]; // grows once per larger input
        }
        System.arraycopy(x, offset, values, 0, count);
        if (Simd.ENABLED) {
            if (segment.byteSize() < 4L * count) {
                // 64-byte aligned, so a vector load never splits a cache line; freed by the GC
                segment = Arena.ofAuto().allocate(4L * count, 64);
            }
            MemorySegment.copy(x, offset, segment, FLOAT, 0, count);
        }
        this.rows = rows;
        this.cols = cols;
        q4kReady = false;
        q6kReady = false;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The floats, row after row (the scalar kernels read them). */
    float[] values() {
        return values;
    }

    /** The same floats in native memory (the vector kernels read them); only with the Vector API. */
    MemorySegment segment() {
        return segment;
    }

    /** Byte offset of row {@code row} in {@link #segment}. */
    long offset(int row) {
        return 4L * row * cols;
    }

    /** Makes the block sums that kernels of {@code format} need; call before products run. */
    public void prepareFor(QuantFormat format) {
        if (!Simd.ENABLED) {
            return; // the scalar kernels need none
        }
        if (format == Q4_K.INSTANCE && !q4kReady) {
            int per = cols / Q4_K.QK * Q4_KVector.SUMS_STRIDE;
            if (q4kSums.length < rows * per) {
                q4kSums = new float[rows * per];
            }
            for (int r = 0; r < rows; r++) {
                Q4_KVector.sums(values, r * cols, cols, q4kSums, r * per);
            }
            q4kReady = true;
        } else if (format == Q6_K.INSTANCE && !q6kReady) {
            int per = cols / Q6_K.QK * Q6_KVector.SUMS_STRIDE;
            if (q6kSums.length < rows * per) {
                q6kSums = new float[rows * per];
            }
            for (int r = 0; r < rows; r++) {
                Q6_KVector.sums(values, r * cols, cols, q6kSums, r * per);
            }
            q6kReady = true;
        }
    }

    /** Q4_K's sums of x per 32 weights, {@link Q4_KVector#SUMS_STRIDE} per superblock. */
    float[] q4kSums() {
        if (!q4kReady) {
            throw new IllegalStateException("prepareFor(Q4_K) was not called");
        }
        return q4kSums;
    }

    /** Offset of row {@code row}'s Q4_K sums. */
    int q4kSumsOffset(int row) {
        return row * (cols / Q4_K.QK * Q4_KVector.SUMS_STRIDE);
    }

    /** Q6_K's sums of x per 16 weights, {@link Q6_KVector#SUMS_STRIDE} per superblock. */
    float[] q6kSums() {
        if (!q6kReady) {
            throw new IllegalStateException("prepareFor(Q6_K) was not called");
        }
        return q6kSums;
    }

    /** Offset of row {@code row}'s Q6_K sums. */
    int q6kSumsOffset(int row) {
        return row * (cols / Q6_K.QK * Q6_KVector.SUMS_STRIDE);
    }
}
