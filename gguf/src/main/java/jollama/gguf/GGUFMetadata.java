package jollama.gguf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The key/value metadata of a GGUF file, in file order, with typed access.
 * Typed getters are strict about the stored type (a {@code UINT32} is not an {@code INT32}), as
 * llama.cpp's loader is: a model file that stores a key with another type is a different file.
 * A missing key or a wrong type throws {@link GGUFLookupException} naming the source, the key,
 * the expected and the found type.
 */
public final class GGUFMetadata {

    private final String source;
    private final Map<String, GGUFValue> values;

    private GGUFMetadata(String source, Map<String, GGUFValue> values) {
        this.source = source;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Metadata of a file, as the reader builds it; {@code source} names the file in errors. */
    static GGUFMetadata of(String source, Map<String, GGUFValue> values) {
        return new GGUFMetadata(source, values);
    }

    public static Builder builder() {
        return new Builder(Map.of());
    }

    /** A builder that starts from {@code base}'s entries in their order (to copy and amend a file's metadata). */
    public static Builder builder(GGUFMetadata base) {
        return new Builder(base.values);
    }

    /** Where this metadata came from (a file path), for messages. */
    public String source() {
        return source;
    }

    public int size() {
        return values.size();
    }

    public boolean contains(String key) {
        return values.containsKey(key);
    }

    /** The keys in file (or insertion) order. */
    public List<String> keys() {
        return List.copyOf(values.keySet());
    }

    /** All entries in file order, unmodifiable. */
    public Map<String, GGUFValue> asMap() {
        return values;
    }

    public Optional<GGUFValue> find(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public GGUFValue get(String key) {
        GGUFValue value = values.get(key);
        if (value == null) {
            throw new GGUFLookupException(source + ": missing metadata key '" + key + "'");
        }
        return value;
    }

    // ---- scalars ----

    public int u8(String key) {
        if (get(key) instanceof GGUFValue.UInt8 v) {
            return v.unsignedValue();
        }
        throw wrongType(key, GGUFValueType.UINT8.name());
    }

    /** A {@code UINT32} value; it must fit in an int (below 2^31), as every count and id in a model does. */
    public int u32(String key) {
        if (get(key) instanceof GGUFValue.UInt32 v) {
            if (v.value() < 0) {
                throw new GGUFLookupException(source + ": metadata key '" + key + "' is UINT32 "
                        + v.unsignedValue() + ", which does not fit in an int");
            }
            return v.value();
        }
        throw wrongType(key, GGUFValueType.UINT32.name());
    }

    public int u32(String key, int defaultValue) {
        return contains(key) ? u32(key) : defaultValue;
    }

    public int i32(String key) {
        if (get(key) instanceof GGUFValue.Int32 v) {
            return v.value();
        }
        throw wrongType(key, GGUFValueType.INT32.name());
    }

    public int i32(String key, int defaultValue) {
        return contains(key) ? i32(key) : defaultValue;
    }

    /**
     * An integer of any width or signedness. Converters disagree on the type of counts and token
     * ids (llama.cpp writes UINT32, others INT32 or 64-bit), so readers of such keys take any.
     */
    public long integer(String key) {
        return switch (get(key)) {
            case GGUFValue.UInt8 v -> v.unsignedValue();
            case GGUFValue.Int8 v -> v.value();
            case GGUFValue.UInt16 v -> v.unsignedValue();
            case GGUFValue.Int16 v -> v.value();
            case GGUFValue.UInt32 v -> v.unsignedValue();
            case GGUFValue.Int32 v -> v.value();
            case GGUFValue.UInt64 v when v.value() >= 0 -> v.value();
            case GGUFValue.Int64 v -> v.value();
            default -> throw wrongType(key, "an integer");
        };
    }

    public long integer(String key, long defaultValue) {
        return contains(key) ? integer(key) : defaultValue;
    }

    /** A {@code UINT64} value; it must be below 2^63. */
    public long u64(String key) {
        if (get(key) instanceof GGUFValue.UInt64 v) {
            if (v.value() < 0) {
                throw new GGUFLookupException(source + ": metadata key '" + key + "' is UINT64 "
                        + Long.toUnsignedString(v.value()) + ", which does not fit in a long");
            }
            return v.value();
        }
        throw wrongType(key, GGUFValueType.UINT64.name());
    }

    public long u64(String key, long defaultValue) {
        return contains(key) ? u64(key) : defaultValue;
    }

    public long i64(String key) {
        if (get(key) instanceof GGUFValue.Int64 v) {
            return v.value();
        }
        throw wrongType(key, GGUFValueType.INT64.name());
    }

    public float f32(String key) {
        if (get(key) instanceof GGUFValue.Float32 v) {
            return v.value();
        }
        throw wrongType(key, GGUFValueType.FLOAT32.name());
    }

    public float f32(String key, float defaultValue) {
        return contains(key) ? f32(key) : defaultValue;
    }

    public double f64(String key) {
        if (get(key) instanceof GGUFValue.Float64 v) {
            return v.value();
        }
        throw wrongType(key, GGUFValueType.FLOAT64.name());
    }

    public boolean bool(String key) {
        if (get(key) instanceof GGUFValue.Bool v) {
            return v.value();
        }
        throw wrongType(key, GGUFValueType.BOOL.name());
    }

    public boolean bool(String key, boolean defaultValue) {
        return contains(key) ? bool(key) : defaultValue;
    }

    public String string(String key) {
        if (get(key) instanceof GGUFValue.Str v) {
            return v.value();
        }
        throw wrongType(key, GGUFValueType.STRING.name());
    }

    public String string(String key, String defaultValue) {
        return contains(key) ? string(key) : defaultValue;
    }

    public Optional<String> optionalString(String key) {
        return contains(key) ? Optional.of(string(key)) : Optional.empty();
    }

    // ---- arrays ----

    /** An array of {@code STRING}, unmodifiable. */
    public List<String> stringArray(String key) {
        if (get(key) instanceof GGUFValue.StringArray v) {
            return v.values();
        }
        throw wrongType(key, "ARRAY of STRING");
    }

    /** An array of {@code INT32} (a fresh copy). */
    public int[] intArray(String key) {
        if (get(key) instanceof GGUFValue.Int32Array v) {
            return v.values();
        }
        throw wrongType(key, "ARRAY of INT32");
    }

    /** An array of {@code UINT32} as raw bits (a fresh copy). */
    public int[] u32Array(String key) {
        if (get(key) instanceof GGUFValue.UInt32Array v) {
            return v.values();
        }
        throw wrongType(key, "ARRAY of UINT32");
    }

    /** An array of {@code FLOAT32} (a fresh copy). */
    public float[] floatArray(String key) {
        if (get(key) instanceof GGUFValue.Float32Array v) {
            return v.values();
        }
        throw wrongType(key, "ARRAY of FLOAT32");
    }

    private GGUFLookupException wrongType(String key, String expected) {
        return new GGUFLookupException(source + ": metadata key '" + key + "' should be " + expected
                + " but is " + values.get(key).describe());
    }

    @Override
    public boolean equals(Object o) {
        // Order matters in GGUF (it is part of the file), so compare as ordered entry lists.
        return o instanceof GGUFMetadata m && List.copyOf(values.entrySet()).equals(List.copyOf(m.values.entrySet()));
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "GGUFMetadata" + values;
    }

    /**
     * Builds metadata in insertion order. Putting an existing key replaces its value in place
     * (the key keeps its position); remove it first to move it to the end.
     */
    public static final class Builder {

        private final LinkedHashMap<String, GGUFValue> values;

        private Builder(Map<String, GGUFValue> base) {
            this.values = new LinkedHashMap<>(base);
        }

        public Builder put(String key, GGUFValue value) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            if (key.isEmpty()) {
                throw new IllegalArgumentException("empty metadata key");
            }
            values.put(key, value);
            return this;
        }

        public Builder remove(String key) {
            values.remove(key);
            return this;
        }

        public Builder putString(String key, String value) {
            return put(key, new GGUFValue.Str(value));
        }

        /** Stores {@code value} as {@code UINT32}; it must not be negative. */
        public Builder putU32(String key, long value) {
            if (value < 0 || value > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException(key + ": " + value + " is not a UINT32");
            }
            return put(key, new GGUFValue.UInt32((int) value));
        }

        public Builder putI32(String key, int value) {
            return put(key, new GGUFValue.Int32(value));
        }

        /** Stores {@code value} as {@code UINT64}; it must not be negative. */
        public Builder putU64(String key, long value) {
            if (value < 0) {
                throw new IllegalArgumentException(key + ": " + value + " is not a UINT64");
            }
            return put(key, new GGUFValue.UInt64(value));
        }

        public Builder putI64(String key, long value) {
            return put(key, new GGUFValue.Int64(value));
        }

        public Builder putF32(String key, float value) {
            return put(key, new GGUFValue.Float32(value));
        }

        public Builder putF64(String key, double value) {
            return put(key, new GGUFValue.Float64(value));
        }

        public Builder putBool(String key, boolean value) {
            return put(key, new GGUFValue.Bool(value));
        }

        public Builder putStringArray(String key, List<String> value) {
            return put(key, new GGUFValue.StringArray(value));
        }

        public Builder putI32Array(String key, int[] value) {
            return put(key, new GGUFValue.Int32Array(value));
        }

        public Builder putF32Array(String key, float[] value) {
            return put(key, new GGUFValue.Float32Array(value));
        }

        public GGUFMetadata build() {
            return new GGUFMetadata("new metadata", values);
        }
    }
}
