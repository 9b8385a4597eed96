package jollama.gguf;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and validates everything before the tensor data: header, metadata, tensor table.
 * Every count is checked against the bytes left before anything is allocated for it, and every
 * tensor is checked to lie inside the file, so the result can be sliced without further checks.
 */
final class GGUFHeaderParser {

    /** "GGUF" read as a little-endian u32. */
    static final int MAGIC = 0x46554747;
    static final int DEFAULT_ALIGNMENT = 32;
    static final String ALIGNMENT_KEY = "general.alignment";

    /** Nested arrays deeper than this are surely damage, and recursion must stay bounded. */
    private static final int MAX_NESTING = 16;
    /** Smallest key/value pair: key length, value type, a one-byte value. */
    private static final long MIN_KV_BYTES = 8 + 4 + 1;
    /** Smallest tensor info: name length, n_dims, one dimension, type, offset. */
    private static final long MIN_TENSOR_INFO_BYTES = 8 + 4 + 8 + 4 + 8;

    /** What the parser found; {@code dataOffset} is the absolute file offset of the tensor data section. */
    record Header(int version, GGUFMetadata metadata, List<GGUFTensorInfo> tensors, int alignment,
                  long dataOffset) {
    }

    private final Path file;
    private final GGUFCursor in;

    private GGUFHeaderParser(Path file, MemorySegment bytes) {
        this.file = file;
        this.in = new GGUFCursor(file, bytes);
    }

    static Header parse(Path file, MemorySegment bytes) throws GGUFFormatException {
        return new GGUFHeaderParser(file, bytes).header();
    }

    private Header header() throws GGUFFormatException {
        int magic = in.u32("magic");
        if (magic != MAGIC) {
            throw in.error(0, String.format("not a GGUF file: magic is 0x%08x, expected \"GGUF\"",
                    Integer.reverseBytes(magic)));
        }
        int version = version();
        long tensorCount = in.count("tensor count", MIN_TENSOR_INFO_BYTES);
        long kvCount = in.count("metadata key/value count", MIN_KV_BYTES);
        GGUFMetadata metadata = metadata(kvCount);
        int alignment = alignment(metadata);
        List<PendingTensor> pending = tensorInfos(tensorCount, alignment);
        long dataOffset = alignUp(in.position(), alignment);
        List<GGUFTensorInfo> tensors = new ArrayList<>(pending.size());
        for (PendingTensor p : pending) {
            checkInsideFile(p, dataOffset);
            tensors.add(p.info);
        }
        return new Header(version, metadata, List.copyOf(tensors), alignment, dataOffset);
    }

    private int version() throws GGUFFormatException {
        int version = in.u32("version");
        if (version == 2 || version == 3) {
            return version;
        }
        if (version == 1) {
            throw in.error(4, "GGUF version 1 (32-bit counts) is not supported; convert the file to version 3");
        }
        if (Integer.reverseBytes(version) == 2 || Integer.reverseBytes(version) == 3) {
            throw in.error(4, "big-endian GGUF (version " + Integer.reverseBytes(version)
                    + ") is not supported");
        }
        throw in.error(4, "unsupported GGUF version " + Integer.toUnsignedString(version) + " (reads 2 and 3)");
    }

    private GGUFMetadata metadata(long count) throws GGUFFormatException {
        Map<String, GGUFValue> values = new LinkedHashMap<>();
        for (long i = 0; i < count; i++) {
            long at = in.position();
            String key = in.string("metadata key #" + i);
            if (values.containsKey(key)) {
                throw in.error(at, "duplicate metadata key '" + key + "'");
            }
            GGUFValueType type = valueType(key);
            values.put(key, value(key, type, 0));
        }
        return GGUFMetadata.of(file.toString(), values);
    }

    private GGUFValueType valueType(String key) throws GGUFFormatException {
        long at = in.position();
        int id = in.u32("value type of '" + key + "'");
        GGUFValueType type = GGUFValueType.fromId(id);
        if (type == null) {
            throw in.error(at, "key '" + key + "': unknown value type " + Integer.toUnsignedString(id));
        }
        return type;
    }

    private GGUFValue value(String key, GGUFValueType type, int depth) throws GGUFFormatException {
        String what = "value of '" + key + "'";
        return switch (type) {
            case UINT8 -> new GGUFValue.UInt8(in.u8(what));
            case INT8 -> new GGUFValue.Int8(in.u8(what));
            case UINT16 -> new GGUFValue.UInt16(in.u16(what));
            case INT16 -> new GGUFValue.Int16(in.u16(what));
            case UINT32 -> new GGUFValue.UInt32(in.u32(what));
            case INT32 -> new GGUFValue.Int32(in.u32(what));
            case UINT64 -> new GGUFValue.UInt64(in.u64(what));
            case INT64 -> new GGUFValue.Int64(in.u64(what));
            case FLOAT32 -> new GGUFValue.Float32(in.f32(what));
            case FLOAT64 -> new GGUFValue.Float64(in.f64(what));
            case BOOL -> new GGUFValue.Bool(bool(key));
            case STRING -> new GGUFValue.Str(in.string(what));
            case ARRAY -> array(key, depth + 1);
        };
    }

    private boolean bool(String key) throws GGUFFormatException {
        long at = in.position();
        byte b = in.u8("value of '" + key + "'");
        if (b != 0 && b != 1) {
            throw in.error(at, "key '" + key + "': bool value " + Byte.toUnsignedInt(b) + ", must be 0 or 1");
        }
        return b == 1;
    }

    private GGUFValue.ArrayValue array(String key, int depth) throws GGUFFormatException {
        long at = in.position();
        if (depth > MAX_NESTING) {
            throw in.error(at, "key '" + key + "': arrays nested deeper than " + MAX_NESTING);
        }
        GGUFValueType element = valueType(key);
        String what = "array '" + key + "'";
        int n = in.arrayLength("element count of " + what, element.minEncodedSize());
        return switch (element) {
            case UINT8 -> new GGUFValue.UInt8Array(bytes(n, what));
            case INT8 -> new GGUFValue.Int8Array(bytes(n, what));
            case UINT16 -> new GGUFValue.UInt16Array(shorts(n, what));
            case INT16 -> new GGUFValue.Int16Array(shorts(n, what));
            case UINT32 -> new GGUFValue.UInt32Array(ints(n, what));
            case INT32 -> new GGUFValue.Int32Array(ints(n, what));
            case UINT64 -> new GGUFValue.UInt64Array(longs(n, what));
            case INT64 -> new GGUFValue.Int64Array(longs(n, what));
            case FLOAT32 -> {
                float[] v = new float[n];
                in.bulk(GGUFCursor.F32, v, n, what);
                yield new GGUFValue.Float32Array(v);
            }
            case FLOAT64 -> {
                double[] v = new double[n];
                in.bulk(GGUFCursor.F64, v, n, what);
                yield new GGUFValue.Float64Array(v);
            }
            case BOOL -> {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) {
                    v[i] = bool(key);
                }
                yield new GGUFValue.BoolArray(v);
            }
            case STRING -> {
                String[] v = new String[n];
                for (int i = 0; i < n; i++) {
                    v[i] = in.string("element " + i + " of " + what);
                }
                yield new GGUFValue.StringArray(Arrays.asList(v));
            }
            case ARRAY -> {
                List<GGUFValue.ArrayValue> v = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    v.add(array(key, depth + 1));
                }
                yield new GGUFValue.NestedArray(v);
            }
        };
    }

    private byte[] bytes(int n, String what) throws GGUFFormatException {
        byte[] v = new byte[n];
        in.bulk(ValueLayout.JAVA_BYTE, v, n, what);
        return v;
    }

    private short[] shorts(int n, String what) throws GGUFFormatException {
        short[] v = new short[n];
        in.bulk(GGUFCursor.I16, v, n, what);
        return v;
    }

    private int[] ints(int n, String what) throws GGUFFormatException {
        int[] v = new int[n];
        in.bulk(GGUFCursor.I32, v, n, what);
        return v;
    }

    private long[] longs(int n, String what) throws GGUFFormatException {
        long[] v = new long[n];
        in.bulk(GGUFCursor.I64, v, n, what);
        return v;
    }

    private int alignment(GGUFMetadata metadata) throws GGUFFormatException {
        GGUFValue value = metadata.asMap().get(ALIGNMENT_KEY);
        if (value == null) {
            return DEFAULT_ALIGNMENT;
        }
        // ggml requires a UINT32 power of two; anything else would misplace every tensor.
        if (value instanceof GGUFValue.UInt32 a && a.value() > 0 && Integer.bitCount(a.value()) == 1) {
            return a.value();
        }
        throw in.error(in.position(), "metadata key '" + ALIGNMENT_KEY
                + "' must be a UINT32 power of two but is " + value.describe() + " " + value);
    }

    /** A parsed tensor info and where its fields were, for error messages. */
    private record PendingTensor(GGUFTensorInfo info, long infoOffset, long offsetFieldOffset) {
    }

    private List<PendingTensor> tensorInfos(long count, int alignment) throws GGUFFormatException {
        List<PendingTensor> tensors = new ArrayList<>((int) Math.min(count, 1 << 16));
        Set<String> names = new HashSet<>();
        for (long i = 0; i < count; i++) {
            long at = in.position();
            String name = in.string("name of tensor #" + i);
            if (!names.add(name)) {
                throw in.error(at, "duplicate tensor name '" + name + "'");
            }
            tensors.add(tensorInfo(name, at, alignment));
        }
        return tensors;
    }

    private PendingTensor tensorInfo(String name, long infoOffset, int alignment) throws GGUFFormatException {
        String what = "tensor '" + name + "'";
        long at = in.position();
        int nDims = in.u32("dimension count of " + what);
        if (nDims < 1 || nDims > Shapes.MAX_DIMS) {
            throw in.error(at, what + ": " + Integer.toUnsignedString(nDims) + " dimensions, must be 1.."
                    + Shapes.MAX_DIMS);
        }
        long[] shape = new long[nDims];
        for (int d = 0; d < nDims; d++) {
            at = in.position();
            shape[d] = in.u64("dimension " + d + " of " + what);
            if (shape[d] < 0) {
                throw in.error(at, what + ": dimension " + d + " is " + Long.toUnsignedString(shape[d])
                        + ", too large");
            }
        }
        at = in.position();
        int typeId = in.u32("type of " + what);
        GGMLType type = GGMLType.fromId(typeId);
        if (type == null) {
            throw in.error(at, what + ": unknown ggml tensor type " + Integer.toUnsignedString(typeId));
        }
        if (shape[0] % type.blockSize() != 0) {
            throw in.error(at, what + ": ne0 = " + shape[0] + " is not a multiple of the " + type
                    + " block size " + type.blockSize());
        }
        try {
            Shapes.byteSize(type, shape);
        } catch (ArithmeticException e) {
            throw in.error(infoOffset, what + ": shape " + Arrays.toString(shape) + " of " + type
                    + " overflows 64 bits");
        }
        long offsetAt = in.position();
        long offset = in.u64("data offset of " + what);
        if (offset < 0) {
            throw in.error(offsetAt, what + ": data offset " + Long.toUnsignedString(offset) + " is too large");
        }
        if (offset % alignment != 0) {
            throw in.error(offsetAt, what + ": data offset " + offset + " is not a multiple of the alignment " + alignment);
        }
        return new PendingTensor(new GGUFTensorInfo(name, type, shape, offset), infoOffset, offsetAt);
    }

    private void checkInsideFile(PendingTensor p, long dataOffset) throws GGUFFormatException {
        long room = in.size() - dataOffset; // negative when even the data section start is past the end
        long size = p.info.byteSize();
        if (p.info.offset() > room || size > room - p.info.offset()) {
            throw in.error(p.offsetFieldOffset, "tensor '" + p.info.name() + "': data at file offset "
                    + (dataOffset + p.info.offset()) + " + " + size + " bytes lies outside the file of "
                    + in.size() + " bytes");
        }
    }

    static long alignUp(long n, long alignment) {
        return (n + alignment - 1) / alignment * alignment;
    }
}
