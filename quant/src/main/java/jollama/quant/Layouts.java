package jollama.quant;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

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
}
