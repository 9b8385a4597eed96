package jollama.quant;

import static jollama.quant.SimdSpecies.sum;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Vector API twins of {@link FloatMath}'s loops; scalar tails for lengths that are not a multiple of the width. */
final class FloatMathVector {

    private static final VectorSpecies<Float> F = SimdSpecies.F;
    private static final int L = SimdSpecies.L;

    private FloatMathVector() {
    }

    static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        FloatVector a = FloatVector.broadcast(F, alpha);
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector.fromArray(F, x, xOff + i).fma(a, FloatVector.fromArray(F, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    static void scaleByWeight(float[] x, int xOff, float scale, float[] weight, float[] out, int outOff, int n) {
        int i = 0;
        for (; i + L <= n; i += L) {
            FloatVector.fromArray(F, x, xOff + i).mul(scale).mul(FloatVector.fromArray(F, weight, i))
                    .intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = x[xOff + i] * scale * weight[i];
        }
    }

    private static final VectorSpecies<Short> S = SimdSpecies.S;
    private static final VectorSpecies<Integer> I = SimdSpecies.I;
    /** 2^112: a half's bits moved 13 up read as a float 2^-112 times the half's value. */
    private static final float HALF_BIAS = 0x1p112f;
    private static final IntVector HALF_FIELDS = IntVector.broadcast(SimdSpecies.I, 0x8FFFE000);

    /**
     * L halves at {@code h[off]} as floats 2^-112 times their value, for finite halves: the bits
     * sign-extended to ints and shifted 13 up put the exponent and mantissa in a float's fields
     * (and the sign in bit 31, the mask clearing the sign-extension bits). Normal and subnormal
     * halves both come out exact; the caller's 2^112 factor goes on the other operand, where one
     * multiply serves a whole vector or row.
     */
    private static FloatVector halvesScaled(short[] h, int off) {
        IntVector i = (IntVector) ShortVector.fromArray(S, h, off).convertShape(VectorOperators.S2I, I, 0);
        return i.lanewise(VectorOperators.LSHL, 13).and(HALF_FIELDS).reinterpretAsFloats();
    }

    static float dotHalves(float[] a, int aOff, short[] h, int hOff, int n) {
        FloatVector s0 = FloatVector.zero(F);
        FloatVector s1 = FloatVector.zero(F);
        int i = 0;
        for (; i + 2 * L <= n; i += 2 * L) {
            s0 = FloatVector.fromArray(F, a, aOff + i).mul(HALF_BIAS).fma(halvesScaled(h, hOff + i), s0);
            s1 = FloatVector.fromArray(F, a, aOff + i + L).mul(HALF_BIAS).fma(halvesScaled(h, hOff + i + L), s1);
        }
        for (; i + L <= n; i += L) {
            s0 = FloatVector.fromArray(F, a, aOff + i).mul(HALF_BIAS).fma(halvesScaled(h, hOff + i), s0);
        }
        float s = sum(s0.add(s1));
        for (; i < n; i++) {
            s += a[aOff + i] * Float.float16ToFloat(h[hOff + i]);
        }
        return s;
    }

    /**
     * Four vectors of outputs at a time in registers, then one, then the scalar rest; every output
     * lane sums over t in the same order whichever block it falls in. Four, not eight (a whole
     * 128-value head at 512 bits): eight widened loads per step put the method past C2's inlining
     * budget, and the half-to-float widening left as a call boxed every vector it returned.
     */
    static void weightedSumHalves(float[] w, int n, short[] v, int vOff, int stride, int dims, float[] out, int outOff) {
        int d = 0;
        for (; d + 4 * L <= dims; d += 4 * L) {
            FloatVector a0 = FloatVector.zero(F), a1 = FloatVector.zero(F), a2 = FloatVector.zero(F), a3 = FloatVector.zero(F);
            for (int t = 0; t < n; t++) {
                FloatVector wt = FloatVector.broadcast(F, w[t] * HALF_BIAS);
                int row = vOff + t * stride + d;
                a0 = halvesScaled(v, row).fma(wt, a0);
                a1 = halvesScaled(v, row + L).fma(wt, a1);
                a2 = halvesScaled(v, row + 2 * L).fma(wt, a2);
                a3 = halvesScaled(v, row + 3 * L).fma(wt, a3);
            }
            a0.intoArray(out, outOff + d);
            a1.intoArray(out, outOff + d + L);
            a2.intoArray(out, outOff + d + 2 * L);
            a3.intoArray(out, outOff + d + 3 * L);
        }
        for (; d + L <= dims; d += L) {
            FloatVector a = FloatVector.zero(F);
            for (int t = 0; t < n; t++) {
                a = halvesScaled(v, vOff + t * stride + d).fma(FloatVector.broadcast(F, w[t] * HALF_BIAS), a);
            }
            a.intoArray(out, outOff + d);
        }
        FloatMath.weightedSumHalvesScalar(w, n, v, vOff, stride, d, dims, out, outOff);
    }

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;

    /**
     * e^(s[i] − max) into s, and their sum. e^x for x ≤ 0 as Cephes' expf computes it: x = n·ln2 +
     * r, e^r by a degree-6 polynomial, 2^n in the exponent bits. Written out in the loop rather
     * than as a method taking and returning a vector: C2 did not inline such a method into the
     * attention it sits in (a call site it judged cold), and a vector crossing a call is boxed on
     * the heap, here once per eight scores.
     */
    static float expAndSum(float[] s, int n, float max) {
        FloatVector m = FloatVector.broadcast(F, max);
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (; i + L <= n; i += L) {
            // below −87.3 e^x is subnormal: softmax weights that small are zero anyway
            FloatVector x = FloatVector.fromArray(F, s, i).sub(m).max(-87.3f);
            // n = round(x·log2 e): for x ≤ 0, truncating x·log2 e − 0.5 toward zero rounds to nearest
            IntVector ni = (IntVector) x.mul(LOG2E).sub(0.5f).convert(VectorOperators.F2I, 0);
            FloatVector nf = (FloatVector) ni.convert(VectorOperators.I2F, 0);
            FloatVector r = nf.mul(-LN2_HI).add(x);
            r = nf.mul(-LN2_LO).add(r);
            FloatVector p = r.fma(FloatVector.broadcast(F, 1.9875691500e-4f), FloatVector.broadcast(F, 1.3981999507e-3f));
            p = p.fma(r, FloatVector.broadcast(F, 8.3334519073e-3f));
            p = p.fma(r, FloatVector.broadcast(F, 4.1665795894e-2f));
            p = p.fma(r, FloatVector.broadcast(F, 1.6666665459e-1f));
            p = p.fma(r, FloatVector.broadcast(F, 5.0000001201e-1f));
            p = p.fma(r.mul(r), r).add(1f);
            FloatVector e = p.mul(ni.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            e.intoArray(s, i);
            acc = acc.add(e);
        }
        float sum = SimdSpecies.sum(acc);
        for (; i < n; i++) {
            float e = (float) Math.exp(s[i] - max);
            s[i] = e;
            sum += e;
        }
        return sum;
    }
}
