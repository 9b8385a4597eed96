package jollama.quant;

import static jollama.quant.SimdSpecies.loadFloats;
import static jollama.quant.SimdSpecies.sum;
import static jollama.quant.SimdSpecies.NIBBLE;
import static jollama.quant.SimdSpecies.loadBytes;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernel shared by {@link Q5_0} and {@link Q5_1} (same layout but for the min). The
 * fifth bits sit in one 32-bit word per block, bit j for weight j: the word is broadcast to int
 * lanes and shifted by a per-lane amount, so each lane picks its own bit without scalar loops.
 * Both formats reduce to w = d·q + c with c = −16·d (Q5_0) or c = m (Q5_1).
 */
final class Q5Vector {

    private static final VectorSpecies<Float> F = SimdSpecies.F;
    private static final VectorSpecies<Integer> I = SimdSpecies.I;
    private static final int L = SimdSpecies.L;
    private static final int QK = 32;
    private static final int[] IOTA = new int[QK];
    private static final IntVector ONE = IntVector.broadcast(I, 1);

    static {
        for (int i = 0; i < QK; i++) {
            IOTA[i] = i;
        }
    }

    private Q5Vector() {
    }

    static float dot(MemorySegment w, long offset, MemorySegment x, long xOffset, int n, boolean q51) {
        int bytes = q51 ? Q5_1.BLOCK_BYTES : Q5_0.BLOCK_BYTES;
        int qhOff = q51 ? 4 : 2;
        int qsOff = qhOff + 4;
        FloatVector acc0 = FloatVector.zero(F);
        for (int b = 0; b < n / QK; b++) {
            long o = offset + (long) b * bytes;
            long xo = xOffset + 4L * b * QK;
            long head = w.get(Layouts.I64, o); // d, (m,) qh: the first 8 bytes hold them in both formats
            float d = Float.float16ToFloat((short) head);
            float c = q51 ? Float.float16ToFloat((short) (head >>> 16)) : -16 * d;
            FloatVector dv = FloatVector.broadcast(F, d);
            FloatVector cv = FloatVector.broadcast(F, c);
            IntVector qh = IntVector.broadcast(I, (int) (head >>> (8 * qhOff)));
            for (int j = 0; j < QK; j += L) {
                // weights j .. j+L-1: low nibbles for j < 16, high nibbles after; fifth bit j of qh
                int half = j >> 4;
                ByteVector q = loadBytes(w, o + qsOff + (j & 15));
                ByteVector nib = q.reinterpretAsInts().lanewise(VectorOperators.LSHR, 4 * half).reinterpretAsBytes().and(NIBBLE);
                IntVector v = ((IntVector) nib.convertShape(VectorOperators.B2I, I, 0))
                        .or(qh.lanewise(VectorOperators.LSHR, IntVector.fromArray(I, IOTA, j)).and(ONE).lanewise(VectorOperators.LSHL, 4));
                acc0 = ((FloatVector) v.convertShape(VectorOperators.I2F, F, 0)).fma(dv, cv)
                        .fma(loadFloats(x, xo + 4L * j), acc0);
            }
        }
        return sum(acc0);
    }
}
