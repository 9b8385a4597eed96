package jollama.gguf;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads little-endian GGUF fields from a mapped file, checking every read against the end of the
 * file so that a damaged file yields a {@link GGUFFormatException} rather than an out-of-bounds
 * error or a huge allocation.
 */
final class GGUFCursor {

    static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Java arrays cannot be longer than this (a little under Integer.MAX_VALUE on every JVM). */
    static final long MAX_JAVA_ARRAY = Integer.MAX_VALUE - 8;

    private final Path file;
    private final MemorySegment bytes;
    private long pos;

    GGUFCursor(Path file, MemorySegment bytes) {
        this.file = file;
        this.bytes = bytes;
    }

    long position() {
        return pos;
    }

    long remaining() {
        return bytes.byteSize() - pos;
    }

    long size() {
        return bytes.byteSize();
    }

    GGUFFormatException error(long at, String problem) {
        return new GGUFFormatException(file, at, problem);
    }

    private void need(long n, String what) throws GGUFFormatException {
        if (n > remaining()) {
            throw error(pos, "file truncated: " + what + " needs " + n + " bytes but the file ends after "
                    + remaining());
        }
    }

    byte u8(String what) throws GGUFFormatException {
        need(1, what);
        return bytes.get(ValueLayout.JAVA_BYTE, pos++);
    }

    short u16(String what) throws GGUFFormatException {
        need(2, what);
        short v = bytes.get(I16, pos);
        pos += 2;
        return v;
    }

    int u32(String what) throws GGUFFormatException {
        need(4, what);
        int v = bytes.get(I32, pos);
        pos += 4;
        return v;
    }

    long u64(String what) throws GGUFFormatException {
        need(8, what);
        long v = bytes.get(I64, pos);
        pos += 8;
        return v;
    }

    float f32(String what) throws GGUFFormatException {
        need(4, what);
        float v = bytes.get(F32, pos);
        pos += 4;
        return v;
    }

    double f64(String what) throws GGUFFormatException {
        need(8, what);
        double v = bytes.get(F64, pos);
        pos += 8;
        return v;
    }

    /**
     * Reads a u64 count of items that each take at least {@code minItemBytes} bytes, and checks
     * that that many items can fit in the rest of the file: a count that passes never makes the
     * caller allocate more than a small multiple of the file size.
     */
    long count(String what, long minItemBytes) throws GGUFFormatException {
        long at = pos;
        long n = u64(what);
        if (n < 0 || n > remaining() / minItemBytes) {
            throw error(at, what + " is " + Long.toUnsignedString(n) + " but the " + remaining()
                    + " bytes left in the file hold at most " + remaining() / minItemBytes);
        }
        return n;
    }

    /** Same as {@link #count} and also small enough to be a Java array length. */
    int arrayLength(String what, long minItemBytes) throws GGUFFormatException {
        long at = pos;
        long n = count(what, minItemBytes);
        if (n > MAX_JAVA_ARRAY) {
            throw error(at, what + " is " + n + ", more than jollama can hold in one array");
        }
        return (int) n;
    }

    /** A GGUF string: u64 byte length, then UTF-8 bytes (not zero-terminated). */
    String string(String what) throws GGUFFormatException {
        int n = arrayLength("length of " + what, 1);
        byte[] utf8 = new byte[n];
        MemorySegment.copy(bytes, ValueLayout.JAVA_BYTE, pos, utf8, 0, n);
        pos += n;
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** Copies {@code n} elements of {@code layout} into {@code dst} (a primitive array) and advances. */
    void bulk(ValueLayout layout, Object dst, int n, String what) throws GGUFFormatException {
        need(n * layout.byteSize(), what);
        MemorySegment.copy(bytes, layout, pos, dst, 0, n);
        pos += n * layout.byteSize();
    }
}
