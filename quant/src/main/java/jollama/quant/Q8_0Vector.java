package jollama.quant;

import static jollama.quant.SimdSpecies.sum;
import static jollama.quant.SimdSpecies.sumLanes;
import static jollama.quant.SimdSpecies.b2f;
import static jollama.quant.SimdSpecies.loadBytes;
import static jollama.quant.SimdSpecies.loadFloats;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels for {@link Q8_0}: the signed bytes widen straight to floats; each block's
 * Σ q·x is built unscaled and scaled once. Blocks alternate between two accumulators so that the
 * per-block scaling FMAs do not form one long dependency chain.
 */
final class Q8_0Vector {

    private static final VectorSpecies<Float> F = SimdSpecies.F;
    private static final int L = SimdSpecies.L;
    private static final int QK = Q8_0.QK;
    private static final int BYTES = Q8_0.BLOCK_BYTES;

    private Q8_0Vector() {
    }

    static float dot(MemorySegment w, long offset, MemorySegment x, long xOffset, int n) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        int nb = n / QK;
        int b = 0;
        for (; b + 1 < nb; b += 2) {
            long o = offset + (long) b * BYTES;
            long xo = xOffset + 4L * b * QK;
            FloatVector t0 = FloatVector.zero(F);
            FloatVector t1 = FloatVector.zero(F);
            for (int c = 0; c < QK; c += L) {
                t0 = b2f(loadBytes(w, o + 2 + c)).fma(loadFloats(x, xo + 4L * c), t0);
                t1 = b2f(loadBytes(w, o + BYTES + 2 + c)).fma(loadFloats(x, xo + 4L * (QK + c)), t1);
            }
            acc0 = t0.fma(FloatVector.broadcast(F, Fp16.toFloat(w.get(Layouts.I16, o))), acc0);
            acc1 = t1.fma(FloatVector.broadcast(F, Fp16.toFloat(w.get(Layouts.I16, o + BYTES))), acc1);
        }
        if (b < nb) {
            long o = offset + (long) b * BYTES;
            long xo = xOffset + 4L * b * QK;
            FloatVector t0 = FloatVector.zero(F);
            for (int c = 0; c < QK; c += L) {
                t0 = b2f(loadBytes(w, o + 2 + c)).fma(loadFloats(x, xo + 4L * c), t0);
            }
            acc0 = t0.fma(FloatVector.broadcast(F, Fp16.toFloat(w.get(Layouts.I16, o))), acc0);
        }
        return sum(acc0.add(acc1));
    }

    /**
     * {@link #dot} against four activation rows: the bytes are widened once for the four, and each
     * row gets exactly the operations dot would give it (blocks in pairs, unscaled sums scaled
     * once per block), so a sequence's logits do not depend on which others share its decode step.
     */
    static void dot4(MemorySegment w, long offset, float[] x, int x0, int x1, int x2, int x3, int n, float[] y) {
        FloatVector a0 = FloatVector.zero(F), a1 = FloatVector.zero(F), a2 = FloatVector.zero(F), a3 = FloatVector.zero(F);
        FloatVector b0 = FloatVector.zero(F), b1 = FloatVector.zero(F), b2 = FloatVector.zero(F), b3 = FloatVector.zero(F);
        int nb = n / QK;
        for (int b = 0; b < nb; b += 2) {
            boolean pair = b + 1 < nb; // an odd last block goes to the first accumulators alone, as in dot
            long o = offset + (long) b * BYTES;
            int k0 = b * QK;
            FloatVector t0 = FloatVector.zero(F), t1 = FloatVector.zero(F), t2 = FloatVector.zero(F), t3 = FloatVector.zero(F);
            FloatVector u0 = FloatVector.zero(F), u1 = FloatVector.zero(F), u2 = FloatVector.zero(F), u3 = FloatVector.zero(F);
            for (int c = 0; c < QK; c += L) {
                FloatVector p = b2f(loadBytes(w, o + 2 + c));
                t0 = p.fma(FloatVector.fromArray(F, x, x0 + k0 + c), t0);
                t1 = p.fma(FloatVector.fromArray(F, x, x1 + k0 + c), t1);
                t2 = p.fma(FloatVector.fromArray(F, x, x2 + k0 + c), t2);
                t3 = p.fma(FloatVector.fromArray(F, x, x3 + k0 + c), t3);
                if (pair) {
                    FloatVector r = b2f(loadBytes(w, o + BYTES + 2 + c));
                    u0 = r.fma(FloatVector.fromArray(F, x, x0 + k0 + QK + c), u0);
                    u1 = r.fma(FloatVector.fromArray(F, x, x1 + k0 + QK + c), u1);
                    u2 = r.fma(FloatVector.fromArray(F, x, x2 + k0 + QK + c), u2);
                    u3 = r.fma(FloatVector.fromArray(F, x, x3 + k0 + QK + c), u3);
                }
            }
            FloatVector d0 = FloatVector.broadcast(F, Fp16.toFloat(w.get(Layouts.I16, o)));
            a0 = t0.fma(d0, a0);
            a1 = t1.fma(d0, a1);
            a2 = t2.fma(d0, a2);
            a3 = t3.fma(d0, a3);
            if (pair) {
                FloatVector d1 = FloatVector.broadcast(F, Fp16.toFloat(w.get(Layouts.I16, o + BYTES)));
                b0 = u0.fma(d1, b0);
                b1 = u1.fma(d1, b1);
                b2 = u2.fma(d1, b2);
                b3 = u3.fma(d1, b3);
            }
        }
        a0.add(b0).intoArray(y, 4);
        a1.add(b1).intoArray(y, 4 + L);
        a2.add(b2).intoArray(y, 4 + 2 * L);
        a3.add(b3).intoArray(y, 4 + 3 * L);
        for (int t = 0; t < 4; t++) {
            y[t] = sumLanes(y, 4 + t * L);
        }
    }

    static void dequantizeRow(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        for (int b = 0; b < n / QK; b++) {
            long o = offset + (long) b * BYTES;
            float d = Fp16.toFloat(src.get(Layouts.I16, o));
            for (int c = 0; c < QK; c += L) {
                b2f(loadBytes(src, o + 2 + c)).mul(d).intoArray(dst, dstOffset + b * QK + c);
            }
        }
    }
}
