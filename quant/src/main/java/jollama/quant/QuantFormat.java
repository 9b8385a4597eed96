package jollama.quant;

import java.lang.foreign.MemorySegment;
import jollama.gguf.GGMLType;

/**
 * One ggml tensor encoding: how a row of {@code n} elements is laid out in bytes, how it is
 * decoded, encoded (bit-exact with ggml's {@code quantize_row_*_ref}) and multiplied with float
 * activations. The set is closed: one final class per ggml type, named like the type.
 *
 * <p>Rows live in (usually read-only, mapped) little-endian {@link MemorySegment}s; {@code offset}
 * is the byte offset of the row's first block. {@code n} must be a multiple of the block size.
 * Activations are plain {@code float[]}.
 */
public sealed interface QuantFormat permits F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q5_K, Q6_K {

    /** Floats of the {@code y} array of {@link #dot4}: four results and four vectors of 512 bits. */
    int DOT4_FLOATS = 4 + 4 * 16;

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
     * Σ w[i]·x[xOffset + i] over a row of {@code n} elements, decoding the weights on the fly.
     * Uses the Vector API kernel when {@link Simd#ENABLED}, else {@link #dotScalar}.
     */
    float dot(MemorySegment w, long offset, float[] x, int xOffset, int n);

    /** The scalar reference twin of {@link #dot}: straightforward, accumulates in double. */
    float dotScalar(MemorySegment w, long offset, float[] x, int xOffset, int n);

    /**
     * {@link #dot} of one row with four activation rows at once, {@code y[i] = Σ w·x[xi ..]} for
     * i = 0..3, each with exactly the bits {@link #dot} gives it: the weights are decoded once for
     * the four, which is what makes a decode step of several sequences cheaper than one step per
     * sequence, without making a sequence's output depend on the others. Offsets may repeat.
     * {@code y} must hold {@link #DOT4_FLOATS}: the results go to y[0..3], the rest is scratch.
     */
    default void dot4(MemorySegment w, long offset, float[] x, int x0, int x1, int x2, int x3, int n, float[] y) {
        Layouts.checkAccess4(this, blockSize(), (int) rowBytes(blockSize()), w, offset, n, x, x0, x1, x2, x3, y);
        y[0] = dot(w, offset, x, x0, n);
        y[1] = dot(w, offset, x, x1, n);
        y[2] = dot(w, offset, x, x2, n);
        y[3] = dot(w, offset, x, x3, n);
    }
}
