package jollama.quant;

/**
 * IEEE binary16 conversions with ggml's exact rounding: {@code GGML_FP32_TO_FP16} rounds to
 * nearest even (which {@link Float#floatToFloat16} also does) and turns every NaN into the quiet
 * NaN {@code 0x7E00} with the sign kept, which the JDK does not promise, so NaNs are handled here.
 */
public final class Fp16 {

    private Fp16() {
    }

    /** fp32 → fp16 bits exactly as ggml's reference writes them. */
    public static short fromFloat(float f) {
        if (Float.isNaN(f)) {
            int sign = (Float.floatToRawIntBits(f) >>> 16) & 0x8000;
            return (short) (sign | 0x7E00);
        }
        return Float.floatToFloat16(f);
    }

    /** fp16 bits → fp32 (exact; every binary16 value is a float). */
    public static float toFloat(short h) {
        return Float.float16ToFloat(h);
    }
}
