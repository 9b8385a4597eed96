package jollama.quant;

import static jollama.quant.SimdSpecies.sum;
import static jollama.quant.SimdSpecies.b2f;
import static jollama.quant.SimdSpecies.loadBytes;

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

    static float dot(MemorySegment w, long offset, float[] x, int xOffset, int n) {
        Layouts.checkRow(n, QK, Q8_0.INSTANCE);
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        int nb = n / QK;
        int b = 0;
        for (; b + 1 < nb; b += 2) {
            long o = offset + (long) b * BYTES;
            int xo = xOffset + b * QK;
            FloatVector t0 = FloatVector.zero(F);
            FloatVector t1 = FloatVector.zero(F);
            for (int c = 0; c < QK; c += L) {
                t0 = b2f(loadBytes(w, o + 2 + c)).fma(FloatVector.fromArray(F, x, xo + c), t0);
                t1 = b2f(loadBytes(w, o + BYTES + 2 + c)).fma(FloatVector.fromArray(F, x, xo + QK + c), t1);
            }
            acc0 = t0.fma(FloatVector.broadcast(F, Fp16.toFloat(w.get(Layouts.I16, o))), acc0);
            acc1 = t1.fma(FloatVector.broadcast(F, Fp16.toFloat(w.get(Layouts.I16, o + BYTES))), acc1);
        }
        if (b < nb) {
            long o = offset + (long) b * BYTES;
            int xo = xOffset + b * QK;
            FloatVector t0 = FloatVector.zero(F);
            for (int c = 0; c < QK; c += L) {
                t0 = b2f(loadBytes(w, o + 2 + c)).fma(FloatVector.fromArray(F, x, xo + c), t0);
            }
            acc0 = t0.fma(FloatVector.broadcast(F, Fp16.toFloat(w.get(Layouts.I16, o))), acc0);
        }
        return sum(acc0.add(acc1));
    }

    /**
     * {@link #dot} against four activation rows: each block's bytes are widened and scaled once
     * and multiplied into all four; the two halves of a block feed separate accumulators.
     */
    static void dot4(MemorySegment w, long offset, float[] x, int x0, int x1, int x2, int x3, int n, float[] y) {
        Layouts.checkRow(n, QK, Q8_0.INSTANCE);
        FloatVector a0 = FloatVector.zero(F), a1 = FloatVector.zero(F), a2 = FloatVector.zero(F), a3 = FloatVector.zero(F);
        FloatVector b0 = FloatVector.zero(F), b1 = FloatVector.zero(F), b2 = FloatVector.zero(F), b3 = FloatVector.zero(F);
        for (int b = 0; b < n / QK; b++) {
            long o = offset + (long) b * BYTES;
            FloatVector d = FloatVector.broadcast(F, Fp16.toFloat(w.get(Layouts.I16, o)));
            for (int c = 0; c < QK; c += 2 * L) { // QK is a multiple of 2·L at every width up to 512 bits
                FloatVector u = b2f(loadBytes(w, o + 2 + c)).mul(d);
                FloatVector v = b2f(loadBytes(w, o + 2 + c + L)).mul(d);
                int k = b * QK + c;
                a0 = u.fma(FloatVector.fromArray(F, x, x0 + k), a0);
                b0 = v.fma(FloatVector.fromArray(F, x, x0 + k + L), b0);
                a1 = u.fma(FloatVector.fromArray(F, x, x1 + k), a1);
                b1 = v.fma(FloatVector.fromArray(F, x, x1 + k + L), b1);
                a2 = u.fma(FloatVector.fromArray(F, x, x2 + k), a2);
                b2 = v.fma(FloatVector.fromArray(F, x, x2 + k + L), b2);
                a3 = u.fma(FloatVector.fromArray(F, x, x3 + k), a3);
                b3 = v.fma(FloatVector.fromArray(F, x, x3 + k + L), b3);
            }
        }
        y[0] = sum(a0.add(b0));
        y[1] = sum(a1.add(b1));
        y[2] = sum(a2.add(b2));
        y[3] = sum(a3.add(b3));
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
