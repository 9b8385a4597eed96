package jollama.quant;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import jollama.gguf.GGMLType;

/** Maps a {@link GGMLType} to the {@link QuantFormat} that implements it. */
public final class QuantFormats {

    private static final Map<GGMLType, QuantFormat> FORMATS = new EnumMap<>(GGMLType.class);

    static {
        for (QuantFormat f : new QuantFormat[] {F32.INSTANCE, F16.INSTANCE, BF16.INSTANCE, Q8_0.INSTANCE,
                Q4_0.INSTANCE, Q4_1.INSTANCE, Q5_0.INSTANCE, Q5_1.INSTANCE, Q4_K.INSTANCE, Q5_K.INSTANCE,
                Q6_K.INSTANCE}) {
            FORMATS.put(f.type(), f);
        }
    }

    private QuantFormats() {
    }

    /**
     * The format for {@code type}.
     *
     * @throws UnsupportedOperationException naming the type when jollama cannot compute with it
     */
    public static QuantFormat of(GGMLType type) {
        QuantFormat f = FORMATS.get(type);
        if (f == null) {
            throw new UnsupportedOperationException("Tensor type " + type + " is not supported by jollama"
                    + " (supported: " + FORMATS.keySet() + ")");
        }
        return f;
    }

    /** True when {@link #of} has a format for {@code type}. */
    public static boolean isSupported(GGMLType type) {
        return FORMATS.containsKey(type);
    }

    /** The supported types. */
    public static Set<GGMLType> supported() {
        return java.util.Collections.unmodifiableSet(FORMATS.keySet());
    }
}
