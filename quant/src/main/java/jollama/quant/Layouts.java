package jollama.quant;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Value layouts for reading ggml blocks. GGUF is little-endian whatever the host, and blocks
 * are packed (a 34-byte Q8_0 block puts every other fp16 scale on an odd address), so every
 * multi-byte read is explicitly little-endian and unaligned.
 */
final class Layouts {

    static final ValueLayout.OfByte I8 = ValueLayout.JAVA_BYTE;
    static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Layouts() {
    }

    /** Throws unless {@code n} is a whole, non-negative number of {@code blockSize} blocks. */
    static void checkRow(int n, int blockSize, Object format) {
        if (n < 0 || n % blockSize != 0) {
            throw new IllegalArgumentException(
                    format + " rows need a multiple of " + blockSize + " elements, got " + n);
        }
    }

    /**
     * Throws unless a row of {@code n} elements at byte {@code offset} lies inside {@code w} and
     * {@code x[xOffset .. xOffset + n)} inside {@code x}. The launcher turns the Vector API's
     * per-access bounds checks off (they cost a sixth of decode speed), so the public entry points
     * check their ranges once per call instead: a wrong index still fails with an exception.
     * Callers pass their block shape as constants, so that the row's size costs a shift, not a
     * division: this runs once per row of a product (a few nanoseconds a row, where a 1024-weight
     * Q8_0 row takes some sixty).
     */
    static void checkAccess(Object format, int blockSize, int blockBytes, MemorySegment w, long offset, int n,
                            float[] x, int xOffset) {
        checkWeightRow(format, blockSize, blockBytes, w, offset, n);
        Objects.checkFromIndexSize(xOffset, n, x.length);
    }

    /** A whole row of {@code n} elements at byte {@code offset} lies inside {@code w}. */
    private static void checkWeightRow(Object format, int blockSize, int blockBytes, MemorySegment w, long offset,
                                       int n) {
        checkRow(n, blockSize, format);
        Objects.checkFromIndexSize(offset, (long) (n / blockSize) * blockBytes, w.byteSize());
    }

    /**
     * {@link #checkAccess} for a prepared product: the row at {@code offset}, as long as the
     * activations' rows, inside {@code w}; {@code row} one of theirs; the scratch large enough.
     */
    static void checkAccess(Object format, int blockSize, int blockBytes, MemorySegment w, long offset,
                            Activations x, int row, float[] scratch) {
        checkWeightRow(format, blockSize, blockBytes, w, offset, x.cols());
        Objects.checkIndex(row, x.rows());
        Objects.checkFromIndexSize(0, QuantFormat.SCRATCH_FLOATS, scratch.length);
    }

    /** {@link #checkAccess} for {@link QuantFormat#dot4}: four activation rows and the result array. */
    static void checkAccess4(Object format, int blockSize, int blockBytes, MemorySegment w, long offset,
                             Activations x, int r0, int r1, int r2, int r3, float[] y) {
        checkWeightRow(format, blockSize, blockBytes, w, offset, x.cols());
        Objects.checkIndex(r0, x.rows());
        Objects.checkIndex(r1, x.rows());
        Objects.checkIndex(r2, x.rows());
        Objects.checkIndex(r3, x.rows());
        Objects.checkFromIndexSize(0, QuantFormat.DOT4_FLOATS, y.length);
    }
}
