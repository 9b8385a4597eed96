package jollama.quant;

import static jollama.quant.SimdSpecies.loadFloats;
import static jollama.quant.SimdSpecies.sum;
import static jollama.quant.SimdSpecies.BIAS8;
import static jollama.quant.SimdSpecies.b2f;
import static jollama.quant.SimdSpecies.highNibbles;
import static jollama.quant.SimdSpecies.loadBytes;
import static jollama.quant.SimdSpecies.lowNibbles;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels for {@link Q4_0}: nibbles split and re-centred (−8) in the byte domain,
 * widened to floats; each block's Σ q·x is scaled once, blocks alternate between accumulators.
 */
final class Q4_0Vector {

    private static final VectorSpecies<Float> F = SimdSpecies.F;
    private static final int L = SimdSpecies.L;
    private static final int QK = Q4_0.QK;
    private static final int BYTES = Q4_0.BLOCK_BYTES;

    private Q4_0Vector() {
    }

    static float dot(MemorySegment w, long offset, MemorySegment x, long xOffset, int n) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        int nb = n / QK;
        for (int b = 0; b < nb; b++) {
            long o = offset + (long) b * BYTES;
            long xo = xOffset + 4L * b * QK;
            FloatVector t = FloatVector.zero(F);
            for (int c = 0; c < QK / 2; c += L) {
                ByteVector q = loadBytes(w, o + 2 + c);
                t = b2f(lowNibbles(q).sub(BIAS8)).fma(loadFloats(x, xo + 4L * c), t);
                t = b2f(highNibbles(q).sub(BIAS8)).fma(loadFloats(x, xo + 4L * (QK / 2 + c)), t);
            }
            float d = Fp16.toFloat(w.get(Layouts.I16, o));
            if ((b & 1) == 0) {
                acc0 = t.fma(FloatVector.broadcast(F, d), acc0);
            } else {
                acc1 = t.fma(FloatVector.broadcast(F, d), acc1);
            }
        }
        return sum(acc0.add(acc1));
    }

    static void dequantizeRow(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        for (int b = 0; b < n / QK; b++) {
            long o = offset + (long) b * BYTES;
            FloatVector d = FloatVector.broadcast(F, Fp16.toFloat(src.get(Layouts.I16, o)));
            int y = dstOffset + b * QK;
            for (int c = 0; c < QK / 2; c += L) {
                ByteVector q = loadBytes(src, o + 2 + c);
                b2f(lowNibbles(q).sub(BIAS8)).mul(d).intoArray(dst, y + c);
                b2f(highNibbles(q).sub(BIAS8)).mul(d).intoArray(dst, y + QK / 2 + c);
            }
        }
    }
}
