package jollama.models;

import jollama.gguf.GGUFLookupException;
import jollama.gguf.GGUFMetadata;
import jollama.gguf.GGUFValue;

/**
 * Reads an architecture's hyper-parameters ({@code <arch>.*} keys), taking counts of any integer
 * type ({@link GGUFMetadata#integer}) and reals of either float width.
 */
public record HyperParameters(GGUFMetadata metadata, String architecture) {

    public static HyperParameters of(GGUFMetadata metadata) {
        return new HyperParameters(metadata, metadata.string("general.architecture"));
    }

    public int integer(String suffix) {
        String key = architecture + "." + suffix;
        long v;
        try {
            v = metadata.integer(key);
        } catch (GGUFLookupException e) {
            throw new ModelException(e.getMessage(), e);
        }
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
