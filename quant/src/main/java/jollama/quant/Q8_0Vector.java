package jollama.quant;

import static jollama.quant.SimdSpecies.b2f;
import static jollama.quant.SimdSpecies.loadBytes;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
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
        return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
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
