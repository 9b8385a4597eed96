package jollama.quant;

import static jollama.quant.SimdSpecies.loadFloats;
import static jollama.quant.SimdSpecies.sum;
import static jollama.quant.Layouts.I64;
import static jollama.quant.SimdSpecies.BYTES_01;
import static jollama.quant.SimdSpecies.b2f;
import static jollama.quant.SimdSpecies.loadBytes;
import static jollama.quant.SimdSpecies.NIBBLE;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernel for {@link Q5_K}: {@link Q4_KVector}'s scheme plus the fifth bits. The qh
 * bytes for lanes l..l+L-1 serve all eight sub-blocks; sub-block j moves its bit j to bit 4 with
 * int-lane shifts and masks (no byte shifts on x86) and ors it into its nibbles. One weight
 * vector per loop body keeps the method within C2's inlining budget (see SimdSpecies).
 */
final class Q5_KVector {

    private static final VectorSpecies<Float> F = SimdSpecies.F;
    private static final int L = SimdSpecies.L;

    private Q5_KVector() {
    }

    static float dot(MemorySegment w, long offset, MemorySegment x, long xOffset, int n) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        for (int b = 0; b < n / Q5_K.QK; b++) {
            long o = offset + (long) b * Q5_K.BLOCK_BYTES;
            long xo = xOffset + 4L * b * Q5_K.QK;
            long h0 = w.get(I64, o); // d, dmin, scale bytes 0-3
            long h1 = w.get(I64, o + 8); // scale bytes 4-11
            float d = Float.float16ToFloat((short) h0);
            float dmin = Float.float16ToFloat((short) (h0 >>> 16));
            long sc = Q4_K.scales(h0, h1);
            long mn = Q4_K.mins(h0, h1);
            for (int j = 0; j < 8; j++) {
                // sub-block j: nibble (j & 1) of qs[32·(j >> 1) + l], plus 16 if bit j of qh[l]
                FloatVector dj = FloatVector.broadcast(F, d * (int) ((sc >>> (8 * j)) & 0xFF));
                FloatVector nj = FloatVector.broadcast(F, -(dmin * (int) ((mn >>> (8 * j)) & 0xFF)));
                long q = o + Q5_K.OFF_QS + 32L * (j >> 1);
                long xj = xo + 128L * j;
                for (int c = 0; c < 32; c += L) {
                    ByteVector nib = loadBytes(w, q + c).reinterpretAsInts()
                            .lanewise(VectorOperators.LSHR, 4 * (j & 1)).reinterpretAsBytes().and(NIBBLE);
                    ByteVector fifth = loadBytes(w, o + Q5_K.OFF_QH + c).reinterpretAsInts()
                            .lanewise(VectorOperators.LSHR, j).and(BYTES_01).lanewise(VectorOperators.LSHL, 4)
                            .reinterpretAsBytes();
                    FloatVector wv = b2f(nib.or(fifth)).fma(dj, nj);
                    FloatVector xv = loadFloats(x, xj + 4L * c);
                    acc0 = wv.fma(xv, acc0);
                }
                FloatVector t = acc0; // alternate accumulators between iterations: two FMA chains
                acc0 = acc1;
                acc1 = t;
            }
        }
        return sum(acc0.add(acc1));
    }
}
