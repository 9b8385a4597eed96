package jollama.gguf;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One GGUF metadata value: a scalar of one of the twelve scalar types, or an array.
 * Unsigned values keep their bits in the signed Java type of the same width; the accessors
 * named {@code unsigned...} widen them. Values are immutable: arrays are copied on the way in
 * and on the way out, so metadata can be shared between threads.
 */
public sealed interface GGUFValue {

    /** The GGUF type of this value ({@link GGUFValueType#ARRAY} for every array). */
    GGUFValueType type();

    /** The type as a reader would name it in an error: {@code UINT32}, {@code ARRAY of STRING}. */
    default String describe() {
        return type().name();
    }

    record UInt8(byte value) implements GGUFValue {
        public GGUFValueType type() {
            return GGUFValueType.UINT8;
        }

        public int unsignedValue() {
            return Byte.toUnsignedInt(value);
        }
    }

    record Int8(byte value) implements GGUFValue {
        public GGUFValueType type() {
            return GGUFValueType.INT8;
        }
    }

    record UInt16(short value) implements GGUFValue {
        public GGUFValueType type() {
            return GGUFValueType.UINT16;
        }

        public int unsignedValue() {
            return Short.toUnsignedInt(value);
        }
    }

    record Int16(short value) implements GGUFValue {
        public GGUFValueType type() {
            return GGUFValueType.INT16;
        }
    }

    record UInt32(int value) implements GGUFValue {
        public GGUFValueType type() {
            return GGUFValueType.UINT32;
        }

        public long unsignedValue() {
            return Integer.toUnsignedLong(value);
        }
    }

    record Int32(int value) implements GGUFValue {
        public GGUFValueType type() {
            return GGUFValueType.INT32;
        }
    }

    record UInt64(long value) implements GGUFValue {
        public GGUFValueType type() {
            return GGUFValueType.UINT64;
        }
    }

    record Int64(long value) implements GGUFValue {
        public GGUFValueType type() {
            return GGUFValueType.INT64;
        }
    }

    record Float32(float value) implements GGUFValue {
        public GGUFValueType type() {
            return GGUFValueType.FLOAT32;
        }
    }

    record Float64(double value) implements GGUFValue {
        public GGUFValueType type() {
            return GGUFValueType.FLOAT64;
        }
    }

    record Bool(boolean value) implements GGUFValue {
        public GGUFValueType type() {
            return GGUFValueType.BOOL;
        }
    }

    record Str(String value) implements GGUFValue {
        public Str {
            Objects.requireNonNull(value, "value");
        }

        public GGUFValueType type() {
            return GGUFValueType.STRING;
        }
    }

    /** A GGUF array: elements all of one type, which may itself be {@code ARRAY} (nested arrays). */
    sealed interface ArrayValue extends GGUFValue {
        GGUFValueType elementType();

        int size();

        default GGUFValueType type() {
            return GGUFValueType.ARRAY;
        }

        default String describe() {
            return "ARRAY of " + elementType();
        }
    }

    // The primitive arrays override equals/hashCode/toString because a record compares array
    // components by identity and would print 150k-element vocabularies in full.

    record UInt8Array(byte[] values) implements ArrayValue {
        public UInt8Array {
            values = values.clone();
        }

        public byte[] values() {
            return values.clone();
        }

        public GGUFValueType elementType() {
            return GGUFValueType.UINT8;
        }

        public int size() {
            return values.length;
        }

        public boolean equals(Object o) {
            return o instanceof UInt8Array a && Arrays.equals(values, a.values);
        }

        public int hashCode() {
            return Arrays.hashCode(values);
        }

        public String toString() {
            return ArrayPreview.of(this, values.length, i -> Byte.toUnsignedInt(values[i]));
        }
    }

    record Int8Array(byte[] values) implements ArrayValue {
        public Int8Array {
            values = values.clone();
        }

        public byte[] values() {
            return values.clone();
        }

        public GGUFValueType elementType() {
            return GGUFValueType.INT8;
        }

        public int size() {
            return values.length;
        }

        public boolean equals(Object o) {
            return o instanceof Int8Array a && Arrays.equals(values, a.values);
        }

        public int hashCode() {
            return Arrays.hashCode(values);
        }

        public String toString() {
            return ArrayPreview.of(this, values.length, i -> values[i]);
        }
    }

    record UInt16Array(short[] values) implements ArrayValue {
        public UInt16Array {
            values = values.clone();
        }

        public short[] values() {
            return values.clone();
        }

        public GGUFValueType elementType() {
            return GGUFValueType.UINT16;
        }

        public int size() {
            return values.length;
        }

        public boolean equals(Object o) {
            return o instanceof UInt16Array a && Arrays.equals(values, a.values);
        }

        public int hashCode() {
            return Arrays.hashCode(values);
        }

        public String toString() {
            return ArrayPreview.of(this, values.length, i -> Short.toUnsignedInt(values[i]));
        }
    }

    record Int16Array(short[] values) implements ArrayValue {
        public Int16Array {
            values = values.clone();
        }

        public short[] values() {
            return values.clone();
        }

        public GGUFValueType elementType() {
            return GGUFValueType.INT16;
        }

        public int size() {
            return values.length;
        }

        public boolean equals(Object o) {
            return o instanceof Int16Array a && Arrays.equals(values, a.values);
        }

        public int hashCode() {
            return Arrays.hashCode(values);
        }

        public String toString() {
            return ArrayPreview.of(this, values.length, i -> values[i]);
        }
    }

    record UInt32Array(int[] values) implements ArrayValue {
        public UInt32Array {
            values = values.clone();
        }

        public int[] values() {
            return values.clone();
        }

        public GGUFValueType elementType() {
            return GGUFValueType.UINT32;
        }

        public int size() {
            return values.length;
        }

        public boolean equals(Object o) {
            return o instanceof UInt32Array a && Arrays.equals(values, a.values);
        }

        public int hashCode() {
            return Arrays.hashCode(values);
        }

        public String toString() {
            return ArrayPreview.of(this, values.length, i -> Integer.toUnsignedLong(values[i]));
        }
    }

    record Int32Array(int[] values) implements ArrayValue {
        public Int32Array {
            values = values.clone();
        }

        public int[] values() {
            return values.clone();
        }

        public GGUFValueType elementType() {
            return GGUFValueType.INT32;
        }

        public int size() {
            return values.length;
        }

        public boolean equals(Object o) {
            return o instanceof Int32Array a && Arrays.equals(values, a.values);
        }

        public int hashCode() {
            return Arrays.hashCode(values);
        }

        public String toString() {
            return ArrayPreview.of(this, values.length, i -> values[i]);
        }
    }

    record UInt64Array(long[] values) implements ArrayValue {
        public UInt64Array {
            values = values.clone();
        }

        public long[] values() {
            return values.clone();
        }

        public GGUFValueType elementType() {
            return GGUFValueType.UINT64;
        }

        public int size() {
            return values.length;
        }

        public boolean equals(Object o) {
            return o instanceof UInt64Array a && Arrays.equals(values, a.values);
        }

        public int hashCode() {
            return Arrays.hashCode(values);
        }

        public String toString() {
            return ArrayPreview.of(this, values.length, i -> Long.toUnsignedString(values[i]));
        }
    }

    record Int64Array(long[] values) implements ArrayValue {
        public Int64Array {
            values = values.clone();
        }

        public long[] values() {
            return values.clone();
        }

        public GGUFValueType elementType() {
            return GGUFValueType.INT64;
        }

        public int size() {
            return values.length;
        }

        public boolean equals(Object o) {
            return o instanceof Int64Array a && Arrays.equals(values, a.values);
        }

        public int hashCode() {
            return Arrays.hashCode(values);
        }

        public String toString() {
            return ArrayPreview.of(this, values.length, i -> values[i]);
        }
    }

    record Float32Array(float[] values) implements ArrayValue {
        public Float32Array {
            values = values.clone();
        }

        public float[] values() {
            return values.clone();
        }

        public GGUFValueType elementType() {
            return GGUFValueType.FLOAT32;
        }

        public int size() {
            return values.length;
        }

        public boolean equals(Object o) {
            return o instanceof Float32Array a && Arrays.equals(values, a.values);
        }

        public int hashCode() {
            return Arrays.hashCode(values);
        }

        public String toString() {
            return ArrayPreview.of(this, values.length, i -> values[i]);
        }
    }

    record Float64Array(double[] values) implements ArrayValue {
        public Float64Array {
            values = values.clone();
        }

        public double[] values() {
            return values.clone();
        }

        public GGUFValueType elementType() {
            return GGUFValueType.FLOAT64;
        }

        public int size() {
            return values.length;
        }

        public boolean equals(Object o) {
            return o instanceof Float64Array a && Arrays.equals(values, a.values);
        }

        public int hashCode() {
            return Arrays.hashCode(values);
        }

        public String toString() {
            return ArrayPreview.of(this, values.length, i -> values[i]);
        }
    }

    record BoolArray(boolean[] values) implements ArrayValue {
        public BoolArray {
            values = values.clone();
        }

        public boolean[] values() {
            return values.clone();
        }

        public GGUFValueType elementType() {
            return GGUFValueType.BOOL;
        }

        public int size() {
            return values.length;
        }

        public boolean equals(Object o) {
            return o instanceof BoolArray a && Arrays.equals(values, a.values);
        }

        public int hashCode() {
            return Arrays.hashCode(values);
        }

        public String toString() {
            return ArrayPreview.of(this, values.length, i -> values[i]);
        }
    }

    record StringArray(List<String> values) implements ArrayValue {
        public StringArray {
            values = List.copyOf(values);
        }

        public GGUFValueType elementType() {
            return GGUFValueType.STRING;
        }

        public int size() {
            return values.size();
        }

        public String toString() {
            return ArrayPreview.of(this, values.size(), i -> '"' + values.get(i) + '"');
        }
    }

    /** An array of arrays; GGUF lets each inner array have its own element type. */
    record NestedArray(List<ArrayValue> values) implements ArrayValue {
        public NestedArray {
            values = List.copyOf(values);
        }

        public GGUFValueType elementType() {
            return GGUFValueType.ARRAY;
        }

        public int size() {
            return values.size();
        }

        public String toString() {
            return ArrayPreview.of(this, values.size(), values::get);
        }
    }
}
