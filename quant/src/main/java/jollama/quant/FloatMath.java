package jollama.quant;

/**
 * Float-array kernels for the parts of a forward pass that work on activations rather than
 * weights: attention scores, weighted sums of values, residual adds, normalization. They run on
 * the Vector API when {@link Simd#ENABLED}, else on the scalar loops here, which define the result.
 */
public final class FloatMath {

    private FloatMath() {
    }

    /** Σ a[aOff + i] · b[bOff + i] for i in [0, n). */
    public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        if (Simd.ENABLED) {
            return FloatMathVector.dot(a, aOff, b, bOff, n);
        }
        return dotScalar(a, aOff, b, bOff, n);
    }

    /** {@code y[yOff + i] += alpha · x[xOff + i]} for i in [0, n). */
    public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        if (Simd.ENABLED) {
            FloatMathVector.axpy(alpha, x, xOff, y, yOff, n);
            return;
        }
        axpyScalar(alpha, x, xOff, y, yOff, n);
    }

    /** {@code y[yOff + i] += x[xOff + i]} for i in [0, n). */
    public static void add(float[] y, int yOff, float[] x, int xOff, int n) {
        axpy(1f, x, xOff, y, yOff, n);
    }

    /** {@code out[outOff + i] = x[xOff + i] · scale · weight[i]} for i in [0, n); in place when they coincide. */
    public static void scaleByWeight(float[] x, int xOff, float scale, float[] weight, float[] out, int outOff, int n) {
        if (Simd.ENABLED) {
            FloatMathVector.scaleByWeight(x, xOff, scale, weight, out, outOff, n);
            return;
        }
        scaleByWeightScalar(x, xOff, scale, weight, out, outOff, n);
    }

    static float dotScalar(float[] a, int aOff, float[] b, int bOff, int n) {
        float s = 0;
        for (int i = 0; i < n; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }

    static void axpyScalar(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    static void scaleByWeightScalar(float[] x, int xOff, float scale, float[] weight, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = x[xOff + i] * scale * weight[i];
        }
    }
}
