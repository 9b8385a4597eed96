package jollama.models.blocks;

import jollama.quant.FloatMath;

/** Root-mean-square normalization: {@code out = x / sqrt(mean(x²) + eps) * weight}. */
public final class RmsNorm {

    private RmsNorm() {
    }

    /** Normalizes {@code x[xOff .. xOff+n)} into {@code out[outOff ..]}; in place when they coincide. */
    public static void apply(float[] x, int xOff, float[] weight, float eps, float[] out, int outOff, int n) {
        double sumOfSquares = 0; // float squares summed in double, as ggml does
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            sumOfSquares += v * v;
        }
        float scale = (float) (1.0 / Math.sqrt(sumOfSquares / n + eps));
        FloatMath.scaleByWeight(x, xOff, scale, weight, out, outOff, n);
    }
}
