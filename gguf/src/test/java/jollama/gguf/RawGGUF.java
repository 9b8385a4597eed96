package jollama.gguf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Lays out GGUF bytes by hand, field by field as the format spec lists them, independently of
 * {@link GGUFWriter}: the reader tests use it to build exactly the (bad) files they need.
 */
final class RawGGUF {

    private byte[] buf = new byte[256];
    private int len;

    /** The header fields: magic, version, tensor count, key/value count. */
    static RawGGUF header(int version, long tensorCount, long kvCount) {
        return new RawGGUF().bytes("GGUF".getBytes(StandardCharsets.US_ASCII)).u32(version).u64(tensorCount)
                .u64(kvCount);
    }

    int position() {
        return len;
    }

    RawGGUF u8(int v) {
        grow(1);
        buf[len++] = (byte) v;
        return this;
    }

    RawGGUF u16(int v) {
        return u8(v).u8(v >>> 8);
    }

    RawGGUF u32(int v) {
        return u16(v).u16(v >>> 16);
    }

    RawGGUF u64(long v) {
        return u32((int) v).u32((int) (v >>> 32));
    }

    RawGGUF f32(float v) {
        return u32(Float.floatToRawIntBits(v));
    }

    RawGGUF f64(double v) {
        return u64(Double.doubleToRawLongBits(v));
    }

    RawGGUF bytes(byte[] v) {
        grow(v.length);
        System.arraycopy(v, 0, buf, len, v.length);
        len += v.length;
        return this;
    }

    RawGGUF str(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return u64(utf8.length).bytes(utf8);
    }

    /** A key/value pair whose value the caller appends: key, then the value type id. */
    RawGGUF key(String key, GGUFValueType type) {
        return str(key).u32(type.id());
    }

    /** A tensor info: name, n_dims, dims, type id, offset. */
    RawGGUF tensor(String name, int typeId, long offset, long... dims) {
        str(name).u32(dims.length);
        for (long d : dims) {
            u64(d);
        }
        return u32(typeId).u64(offset);
    }

    /** Zero bytes up to the next multiple of {@code alignment}. */
    RawGGUF pad(int alignment) {
        while (len % alignment != 0) {
            u8(0);
        }
        return this;
    }

    RawGGUF zeros(int n) {
        for (int i = 0; i < n; i++) {
            u8(0);
        }
        return this;
    }

    byte[] toBytes() {
        return Arrays.copyOf(buf, len);
    }

    Path writeTo(Path file) throws IOException {
        return Files.write(file, toBytes());
    }

    private void grow(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
