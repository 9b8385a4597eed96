package jollama.quant;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import jollama.gguf.GGMLType;

/**
 * One ggml tensor encoding: how a row of {@code n} elements is laid out in bytes, how it is
 * decoded, encoded (bit-exact with ggml's {@code quantize_row_*_ref}) and multiplied with float
 * activations. The set is closed: one final class per ggml type, named like the type.
 *
 * <p>Rows live in (usually read-only, mapped) little-endian {@link MemorySegment}s; {@code offset}
 * is the byte offset of the row's first block. {@code n} must be a multiple of the block size.
 * Activations are floats, prepared for products as {@link Activations}.
 */
public sealed interface QuantFormat permits F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q5_K, Q6_K {

    /** Floats a single-row kernel may use as scratch: the {@code scratch} argument of the prepared {@code dot}. */
    int SCRATCH_FLOATS = 32;

    /** Floats of the {@code y} array of {@link #dot4}: four results, four vectors of 512 bits, scratch. */
    int DOT4_FLOATS = 4 + 4 * 16 + SCRATCH_FLOATS;

    /** The ggml type this format implements. */
    GGMLType type();

    /** Elements per block. */
    default int blockSize() {
        return type().blockSize();
    }

    /** Bytes taken by a row of {@code n} elements. */
    default long rowBytes(int n) {
        return type().byteSize(n);
    }

    /** Decodes {@code n} elements starting at byte {@code offset} into {@code dst[dstOffset ..]}. */
    void dequantizeRow(MemorySegment src, long offset, float[] dst, int dstOffset, int n);

    /**
     * Encodes {@code src[srcOffset .. srcOffset + n)} at byte {@code dstOffset}, producing exactly
     * the bytes of ggml's reference quantizer (what llama-quantize writes without an imatrix).
     */
    void quantizeRow(float[] src, int srcOffset, MemorySegment dst, long dstOffset, int n);

    /**
     * Σ w[i]·x[xOffset + i] over a row of {@code n} elements, decoding the weights on the fly: a
     * convenience for single products (it copies x); matrix products prepare their input once as
     * {@link Activations}. Gives the bits of {@link #dot(MemorySegment, long, Activations, int, float[])}.
     */
    default float dot(MemorySegment w, long offset, float[] x, int xOffset, int n) {
        Layouts.checkAccess(this, blockSize(), (int) rowBytes(blockSize()), w, offset, n, x, xOffset);
        Activations a = Activations.of(x, xOffset, n);
        a.prepareFor(this);
        return dot(w, offset, a, 0, new float[SCRATCH_FLOATS]);
    }

    /**
     * Σ w·x of the row at byte {@code offset} (as long as the activations' rows) with activation
     * row {@code row}: the Vector API kernel when {@link Simd#ENABLED}, else {@link #dotScalar}.
     * {@code x} must be {@link Activations#prepareFor prepared} for this format; {@code scratch}
     * holds at least {@link #SCRATCH_FLOATS} floats and belongs to the calling thread.
     */
    float dot(MemorySegment w, long offset, Activations x, int row, float[] scratch);

    /** The scalar reference twin of {@link #dot}: straightforward, accumulates in double. */
    float dotScalar(MemorySegment w, long offset, float[] x, int xOffset, int n);

    /**
     * {@link #dot} of one row with four activation rows at once, {@code y[i] = Σ w·x[ri]} for
     * i = 0..3, each with exactly the bits {@link #dot} gives it: the weights are decoded once for
     * the four, which is what makes a decode step of several sequences cheaper than one step per
     * sequence, without making a sequence's output depend on the others. Rows may repeat.
     * {@code y} must hold {@link #DOT4_FLOATS}: the results go to y[0..3], the rest is scratch.
     */
    default void dot4(MemorySegment w, long offset, Activations x, int r0, int r1, int r2, int r3, float[] y) {
        Objects.checkFromIndexSize(0, DOT4_FLOATS, y.length);
        float a = dot(w, offset, x, r0, y); // y is scratch until the four results are in
        float b = dot(w, offset, x, r1, y);
        float c = dot(w, offset, x, r2, y);
        float d = dot(w, offset, x, r3, y);
        y[0] = a;
        y[1] = b;
        y[2] = c;
        y[3] = d;
    }
}
