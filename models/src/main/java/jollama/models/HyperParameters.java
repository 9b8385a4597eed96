package jollama.models;

import jollama.gguf.GGUFMetadata;
import jollama.gguf.GGUFValue;

/**
 * Reads an architecture's hyper-parameters ({@code <arch>.*} keys) with the leniency real files
 * need: converters disagree on the integer width of a count, so any integer type is taken.
 */
public record HyperParameters(GGUFMetadata metadata, String architecture) {

    public static HyperParameters of(GGUFMetadata metadata) {
        return new HyperParameters(metadata, metadata.string("general.architecture"));
    }

    public int integer(String suffix) {
        String key = architecture + "." + suffix;
        GGUFValue value = metadata.get(key);
        long v = switch (value) {
            case GGUFValue.UInt8 u -> Byte.toUnsignedInt(u.value());
            case GGUFValue.Int8 i -> i.value();
            case GGUFValue.UInt16 u -> Short.toUnsignedInt(u.value());
            case GGUFValue.Int16 i -> i.value();
            case GGUFValue.UInt32 u -> Integer.toUnsignedLong(u.value());
            case GGUFValue.Int32 i -> i.value();
            case GGUFValue.UInt64 u -> u.value();
            case GGUFValue.Int64 i -> i.value();
            default -> throw new ModelException(metadata.source() + ": metadata key '" + key
                    + "' should be an integer but is " + value);
        };
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new ModelException(metadata.source() + ": metadata key '" + key + "' is out of range: " + v);
        }
        return (int) v;
    }

    public int integer(String suffix, int defaultValue) {
        return metadata.contains(architecture + "." + suffix) ? integer(suffix) : defaultValue;
    }

    public float real(String suffix, float defaultValue) {
        String key = architecture + "." + suffix;
        if (!metadata.contains(key)) {
            return defaultValue;
        }
        return switch (metadata.get(key)) {
            case GGUFValue.Float32 f -> f.value();
            case GGUFValue.Float64 d -> (float) d.value();
            case GGUFValue other -> throw new ModelException(metadata.source() + ": metadata key '" + key
                    + "' should be a number but is " + other);
        };
    }
}
