package jollama.quant;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API micro-kernels for {@link Tiles}: a register tile of 4 weight rows × 4 tokens keeps
 * 16 accumulators and loads 8 vectors per 16 FMAs, so the loop is FMA-bound rather than
 * load-bound. Edges fall back to 1 row × 4 tokens and 1 × 1 tiles. Requires cols % L == 0
 * for the vector part; the rest is a scalar tail.
 */
final class TilesVector {

    private static final VectorSpecies<Float> F = SimdSpecies.F;
    private static final int L = SimdSpecies.L;

    private TilesVector() {
    }

    static void multiply(float[] w, int nr, float[] x, int t0, int nt, int cols, float[] y, int r0, int ldy) {
        int r = 0;
        for (; r + 4 <= nr; r += 4) {
            int t = t0;
            for (; t + 4 <= t0 + nt; t += 4) {
                tile4x4(w, r, x, t, cols, y, r0, ldy);
            }
            for (; t < t0 + nt; t++) {
                for (int rr = r; rr < r + 4; rr++) {
                    y[t * ldy + r0 + rr] = dot(w, rr * cols, x, t * cols, cols);
                }
            }
        }
        for (; r < nr; r++) {
            for (int t = t0; t < t0 + nt; t++) {
                y[t * ldy + r0 + r] = dot(w, r * cols, x, t * cols, cols);
            }
        }
    }

    private static void tile4x4(float[] w, int r, float[] x, int t, int cols, float[] y, int r0, int ldy) {
        int w0 = r * cols;
        int w1 = w0 + cols;
        int w2 = w1 + cols;
        int w3 = w2 + cols;
        int x0 = t * cols;
        int x1 = x0 + cols;
        int x2 = x1 + cols;
        int x3 = x2 + cols;
        FloatVector a00 = FloatVector.zero(F), a01 = FloatVector.zero(F), a02 = FloatVector.zero(F), a03 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F), a11 = FloatVector.zero(F), a12 = FloatVector.zero(F), a13 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F), a21 = FloatVector.zero(F), a22 = FloatVector.zero(F), a23 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F), a31 = FloatVector.zero(F), a32 = FloatVector.zero(F), a33 = FloatVector.zero(F);
        int k = 0;
        for (; k + L <= cols; k += L) {
            FloatVector v0 = FloatVector.fromArray(F, w, w0 + k);
            FloatVector v1 = FloatVector.fromArray(F, w, w1 + k);
            FloatVector v2 = FloatVector.fromArray(F, w, w2 + k);
            FloatVector v3 = FloatVector.fromArray(F, w, w3 + k);
            FloatVector u = FloatVector.fromArray(F, x, x0 + k);
            a00 = v0.fma(u, a00);
            a10 = v1.fma(u, a10);
            a20 = v2.fma(u, a20);
            a30 = v3.fma(u, a30);
            u = FloatVector.fromArray(F, x, x1 + k);
            a01 = v0.fma(u, a01);
            a11 = v1.fma(u, a11);
            a21 = v2.fma(u, a21);
            a31 = v3.fma(u, a31);
            u = FloatVector.fromArray(F, x, x2 + k);
            a02 = v0.fma(u, a02);
            a12 = v1.fma(u, a12);
            a22 = v2.fma(u, a22);
            a32 = v3.fma(u, a32);
            u = FloatVector.fromArray(F, x, x3 + k);
            a03 = v0.fma(u, a03);
            a13 = v1.fma(u, a13);
            a23 = v2.fma(u, a23);
            a33 = v3.fma(u, a33);
        }
        int o = r0 + r;
        y[t * ldy + o] = a00.reduceLanes(VectorOperators.ADD) + tail(w, w0, x, x0, k, cols);
        y[t * ldy + o + 1] = a10.reduceLanes(VectorOperators.ADD) + tail(w, w1, x, x0, k, cols);
        y[t * ldy + o + 2] = a20.reduceLanes(VectorOperators.ADD) + tail(w, w2, x, x0, k, cols);
        y[t * ldy + o + 3] = a30.reduceLanes(VectorOperators.ADD) + tail(w, w3, x, x0, k, cols);
        y[(t + 1) * ldy + o] = a01.reduceLanes(VectorOperators.ADD) + tail(w, w0, x, x1, k, cols);
        y[(t + 1) * ldy + o + 1] = a11.reduceLanes(VectorOperators.ADD) + tail(w, w1, x, x1, k, cols);
        y[(t + 1) * ldy + o + 2] = a21.reduceLanes(VectorOperators.ADD) + tail(w, w2, x, x1, k, cols);
        y[(t + 1) * ldy + o + 3] = a31.reduceLanes(VectorOperators.ADD) + tail(w, w3, x, x1, k, cols);
        y[(t + 2) * ldy + o] = a02.reduceLanes(VectorOperators.ADD) + tail(w, w0, x, x2, k, cols);
        y[(t + 2) * ldy + o + 1] = a12.reduceLanes(VectorOperators.ADD) + tail(w, w1, x, x2, k, cols);
        y[(t + 2) * ldy + o + 2] = a22.reduceLanes(VectorOperators.ADD) + tail(w, w2, x, x2, k, cols);
        y[(t + 2) * ldy + o + 3] = a32.reduceLanes(VectorOperators.ADD) + tail(w, w3, x, x2, k, cols);
        y[(t + 3) * ldy + o] = a03.reduceLanes(VectorOperators.ADD) + tail(w, w0, x, x3, k, cols);
        y[(t + 3) * ldy + o + 1] = a13.reduceLanes(VectorOperators.ADD) + tail(w, w1, x, x3, k, cols);
        y[(t + 3) * ldy + o + 2] = a23.reduceLanes(VectorOperators.ADD) + tail(w, w2, x, x3, k, cols);
        y[(t + 3) * ldy + o + 3] = a33.reduceLanes(VectorOperators.ADD) + tail(w, w3, x, x3, k, cols);
    }

    private static float tail(float[] w, int wo, float[] x, int xo, int k, int cols) {
        float s = 0;
        for (; k < cols; k++) {
            s += w[wo + k] * x[xo + k];
        }
        return s;
    }

    private static float dot(float[] w, int wo, float[] x, int xo, int cols) {
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        int k = 0;
        for (; k + 2 * L <= cols; k += 2 * L) {
            a0 = FloatVector.fromArray(F, w, wo + k).fma(FloatVector.fromArray(F, x, xo + k), a0);
            a1 = FloatVector.fromArray(F, w, wo + k + L).fma(FloatVector.fromArray(F, x, xo + k + L), a1);
        }
        for (; k + L <= cols; k += L) {
            a0 = FloatVector.fromArray(F, w, wo + k).fma(FloatVector.fromArray(F, x, xo + k), a0);
        }
        return a0.add(a1).reduceLanes(VectorOperators.ADD) + tail(w, wo, x, xo, k, cols);
    }
}
