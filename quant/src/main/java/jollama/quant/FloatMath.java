package jollama.quant;

import java.util.Objects;

/**
 * Float-array kernels for the parts of a forward pass that work on activations rather than
 * weights: attention scores, weighted sums of values, residual adds, normalization. They run on
 * the Vector API when {@link Simd#ENABLED}, else on the scalar loops here, which define the result.
 * Each checks its ranges once on entry: the vector kernels may run without per-access checks
 * (see {@link Layouts#checkAccess}).
 */
public final class FloatMath {

    private FloatMath() {
    }

    /** {@code y[yOff + i] += alpha · x[xOff + i]} for i in [0, n). */
    public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        Objects.checkFromIndexSize(xOff, n, x.length);
        Objects.checkFromIndexSize(yOff, n, y.length);
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
        Objects.checkFromIndexSize(xOff, n, x.length);
        Objects.checkFromIndexSize(0, n, weight.length);
        Objects.checkFromIndexSize(outOff, n, out.length);
        if (Simd.ENABLED) {
            FloatMathVector.scaleByWeight(x, xOff, scale, weight, out, outOff, n);
            return;
        }
        scaleByWeightScalar(x, xOff, scale, weight, out, outOff, n);
    }

    /**
     * The largest magnitude a half holds; {@link #toHalves} clamps to it, so that a cache of
     * halves never holds an infinity that would turn a softmax into NaNs.
     */
    public static final float HALF_MAX = 65504f;

    /**
     * {@code dst[dstOff + i] = half(src[srcOff + i])}, rounded to nearest even and clamped to
     * ±{@link #HALF_MAX} (NaN stays NaN): how attention's key/value cache stores a position.
     */
    public static void toHalves(float[] src, int srcOff, short[] dst, int dstOff, int n) {
        Objects.checkFromIndexSize(srcOff, n, src.length);
        Objects.checkFromIndexSize(dstOff, n, dst.length);
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] = Float.floatToFloat16(Math.max(-HALF_MAX, Math.min(HALF_MAX, src[srcOff + i])));
        }
    }

    /**
     * Σ a[aOff + i] · h[hOff + i] for i in [0, n), the halves h read as fp16 bits: attention's
     * scores. For finite halves and |a| < 2^16 (queries): the vector path multiplies a by 2^112
     * instead of re-biasing each half's exponent, which leaves every product exact.
     */
    public static float dotHalves(float[] a, int aOff, short[] h, int hOff, int n) {
        Objects.checkFromIndexSize(aOff, n, a.length);
        Objects.checkFromIndexSize(hOff, n, h.length);
        if (Simd.ENABLED) {
            return FloatMathVector.dotHalves(a, aOff, h, hOff, n);
        }
        float s = 0;
        for (int i = 0; i < n; i++) {
            s += a[aOff + i] * Float.float16ToFloat(h[hOff + i]);
        }
        return s;
    }

    /**
     * {@code out[outOff + d] = Σ_t w[t] · v[vOff + t·stride + d]} for t in [0, n) and d in
     * [0, dims), the values v read as fp16 bits: attention's weighted sum of values, each output
     * kept in a register over all positions. For finite halves and |w| < 2^16 (softmax weights
     * are in [0, 1]), as {@link #dotHalves}.
     */
    public static void weightedSumHalves(float[] w, int n, short[] v, int vOff, int stride, int dims, float[] out,
                                         int outOff) {
        Objects.checkFromIndexSize(0, n, w.length);
        Objects.checkFromIndexSize(outOff, dims, out.length);
        if (n > 0 && dims > 0) {
            if (stride < 0) {
                throw new IllegalArgumentException("negative stride " + stride);
            }
            Objects.checkFromIndexSize(vOff, Math.addExact(Math.multiplyExact(n - 1, stride), dims), v.length);
        }
        if (Simd.ENABLED) {
            FloatMathVector.weightedSumHalves(w, n, v, vOff, stride, dims, out, outOff);
            return;
        }
        weightedSumHalvesScalar(w, n, v, vOff, stride, 0, dims, out, outOff);
    }

    static void weightedSumHalvesScalar(float[] w, int n, short[] v, int vOff, int stride, int from, int dims,
                                        float[] out, int outOff) {
        for (int d = from; d < dims; d++) {
            float s = 0;
            for (int t = 0; t < n; t++) {
                s += w[t] * Float.float16ToFloat(v[vOff + t * stride + d]);
            }
            out[outOff + d] = s;
        }
    }

    /**
     * The unnormalized softmax of {@code s[0 .. n)}: {@code s[i] = e^(s[i] - max)}, returning their
     * sum. The Vector API path uses its own exponential (range reduction and a polynomial, lane-wise
     * operations only, within 2 ulp of {@link Math#exp}), so the bits are the same on every JIT tier;
     * the Vector API's own EXP is not (its intrinsic and its Java fallback differ).
     */
    public static float expAndSum(float[] s, int n, float max) {
        Objects.checkFromIndexSize(0, n, s.length);
        if (Simd.ENABLED) {
            return FloatMathVector.expAndSum(s, n, max);
        }
        return expAndSumScalar(s, 0, n, max);
    }

    static float expAndSumScalar(float[] s, int from, int n, float max) {
        float sum = 0;
        for (int i = from; i < n; i++) {
            float e = (float) Math.exp(s[i] - max);
            s[i] = e;
            sum += e;
        }
        return sum;
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
