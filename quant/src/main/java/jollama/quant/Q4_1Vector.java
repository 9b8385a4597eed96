package jollama.quant;

import static jollama.quant.SimdSpecies.loadFloats;
import static jollama.quant.SimdSpecies.sum;
import static jollama.quant.SimdSpecies.b2f;
import static jollama.quant.SimdSpecies.highNibbles;
import static jollama.quant.SimdSpecies.loadBytes;
import static jollama.quant.SimdSpecies.lowNibbles;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Vector API kernel for {@link Q4_1}: each widened nibble becomes d·q + m with one FMA. */
final class Q4_1Vector {

    private static final VectorSpecies<Float> F = SimdSpecies.F;
    private static final int L = SimdSpecies.L;
    private static final int QK = Q4_1.QK;
    private static final int BYTES = Q4_1.BLOCK_BYTES;

    private Q4_1Vector() {
    }

    static float dot(MemorySegment w, long offset, MemorySegment x, long xOffset, int n) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        for (int b = 0; b < n / QK; b++) {
            long o = offset + (long) b * BYTES;
            long xo = xOffset + 4L * b * QK;
            int dm = w.get(Layouts.I32, o); // d, m
            FloatVector d = FloatVector.broadcast(F, Float.float16ToFloat((short) dm));
            FloatVector m = FloatVector.broadcast(F, Float.float16ToFloat((short) (dm >>> 16)));
            for (int c = 0; c < QK / 2; c += L) {
                ByteVector q = loadBytes(w, o + 4 + c);
                acc0 = b2f(lowNibbles(q)).fma(d, m).fma(loadFloats(x, xo + 4L * c), acc0);
                acc1 = b2f(highNibbles(q)).fma(d, m).fma(loadFloats(x, xo + 4L * (QK / 2 + c)), acc1);
            }
        }
        return sum(acc0.add(acc1));
    }
}
