package jollama.gguf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Encodes GGUF header fields little-endian into a growing byte array. */
final class HeaderEncoder {

    private byte[] buf = new byte[1 << 16];
    private int len;

    int size() {
        return len;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    void u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
    }

    void u16(int v) {
        ensure(2);
        buf[len++] = (byte) v;
        buf[len++] = (byte) (v >>> 8);
    }

    void u32(int v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buf[len++] = (byte) (v >>> (8 * i));
        }
    }

    void u64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[len++] = (byte) (v >>> (8 * i));
        }
    }

    void string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        u64(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buf, len, utf8.length);
        len += utf8.length;
    }

    void zeros(int n) {
        ensure(n);
        len += n; // the buffer is zero-filled beyond len
    }

    /** A key/value pair: key, value type, value. */
    void keyValue(String key, GGUFValue value) {
        string(key);
        u32(value.type().id());
        value(value);
    }

    private void value(GGUFValue value) {
        switch (value) {
            case GGUFValue.UInt8 v -> u8(v.value());
            case GGUFValue.Int8 v -> u8(v.value());
            case GGUFValue.UInt16 v -> u16(v.value());
            case GGUFValue.Int16 v -> u16(v.value());
            case GGUFValue.UInt32 v -> u32(v.value());
            case GGUFValue.Int32 v -> u32(v.value());
            case GGUFValue.UInt64 v -> u64(v.value());
            case GGUFValue.Int64 v -> u64(v.value());
            case GGUFValue.Float32 v -> u32(Float.floatToRawIntBits(v.value()));
            case GGUFValue.Float64 v -> u64(Double.doubleToRawLongBits(v.value()));
            case GGUFValue.Bool v -> u8(v.value() ? 1 : 0);
            case GGUFValue.Str v -> string(v.value());
            case GGUFValue.ArrayValue a -> array(a);
        }
    }

    private void array(GGUFValue.ArrayValue array) {
        u32(array.elementType().id());
        u64(array.size());
        switch (array) {
            case GGUFValue.UInt8Array a -> bytes(a.values());
            case GGUFValue.Int8Array a -> bytes(a.values());
            case GGUFValue.UInt16Array a -> {
                for (short v : a.values()) {
                    u16(v);
                }
            }
            case GGUFValue.Int16Array a -> {
                for (short v : a.values()) {
                    u16(v);
                }
            }
            case GGUFValue.UInt32Array a -> {
                for (int v : a.values()) {
                    u32(v);
                }
            }
            case GGUFValue.Int32Array a -> {
                for (int v : a.values()) {
                    u32(v);
                }
            }
            case GGUFValue.UInt64Array a -> {
                for (long v : a.values()) {
                    u64(v);
                }
            }
            case GGUFValue.Int64Array a -> {
                for (long v : a.values()) {
                    u64(v);
                }
            }
            case GGUFValue.Float32Array a -> {
                for (float v : a.values()) {
                    u32(Float.floatToRawIntBits(v));
                }
            }
            case GGUFValue.Float64Array a -> {
                for (double v : a.values()) {
                    u64(Double.doubleToRawLongBits(v));
                }
            }
            case GGUFValue.BoolArray a -> {
                for (boolean v : a.values()) {
                    u8(v ? 1 : 0);
                }
            }
            case GGUFValue.StringArray a -> {
                for (String v : a.values()) {
                    string(v);
                }
            }
            case GGUFValue.NestedArray a -> {
                for (GGUFValue.ArrayValue inner : a.values()) {
                    array(inner);
                }
            }
        }
    }

    private void bytes(byte[] v) {
        ensure(v.length);
        System.arraycopy(v, 0, buf, len, v.length);
        len += v.length;
    }

    /** A tensor table entry: name, n_dims, dims, type, offset. */
    void tensorInfo(GGUFTensorInfo info) {
        string(info.name());
        long[] shape = info.shape();
        u32(shape.length);
        for (long d : shape) {
            u64(d);
        }
        u32(info.type().id());
        u64(info.offset());
    }
}
