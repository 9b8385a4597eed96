package jollama.quant;

/**
 * bfloat16 conversions as ggml does them: fp32 → bf16 rounds to nearest even on the upper 16
 * bits, and a NaN is truncated and forced quiet (bit 6 of the result) rather than rounded, which
 * could otherwise carry into the exponent and turn it into infinity.
 */
public final class Bf16 {

    private Bf16() {
    }

    /** fp32 → bf16 bits, bit-exact with {@code GGML_FP32_TO_BF16}. */
    public static short fromFloat(float f) {
        int u = Float.floatToRawIntBits(f);
        if ((u & 0x7fffffff) > 0x7f800000) {
            return (short) ((u >>> 16) | 64);
        }
        return (short) ((u + (0x7fff + ((u >>> 16) & 1))) >>> 16);
    }

    /** bf16 bits → fp32 (exact). */
    public static float toFloat(short h) {
        return Float.intBitsToFloat(h << 16);
    }
}
