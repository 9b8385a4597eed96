package jollama.quant;

import static jollama.quant.SimdSpecies.sum;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Vector API kernel for {@link F32} rows: four accumulators, scalar tail for any n. */
final class F32Vector {

    private static final VectorSpecies<Float> F = SimdSpecies.F;
    private static final int L = SimdSpecies.L;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private F32Vector() {
    }

    static float dot(MemorySegment w, long offset, float[] x, int xOffset, int n) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        FloatVector acc3 = FloatVector.zero(F);
        int i = 0;
        for (; i + 4 * L <= n; i += 4 * L) {
            long o = offset + 4L * i;
            acc0 = FloatVector.fromMemorySegment(F, w, o, LE).fma(FloatVector.fromArray(F, x, xOffset + i), acc0);
            acc1 = FloatVector.fromMemorySegment(F, w, o + 4L * L, LE)
                    .fma(FloatVector.fromArray(F, x, xOffset + i + L), acc1);
            acc2 = FloatVector.fromMemorySegment(F, w, o + 8L * L, LE)
                    .fma(FloatVector.fromArray(F, x, xOffset + i + 2 * L), acc2);
            acc3 = FloatVector.fromMemorySegment(F, w, o + 12L * L, LE)
                    .fma(FloatVector.fromArray(F, x, xOffset + i + 3 * L), acc3);
        }
        for (; i + L <= n; i += L) {
            acc0 = FloatVector.fromMemorySegment(F, w, offset + 4L * i, LE)
                    .fma(FloatVector.fromArray(F, x, xOffset + i), acc0);
        }
        float sum = sum(acc0.add(acc1).add(acc2.add(acc3)));
        for (; i < n; i++) {
            sum += w.get(Layouts.F32, offset + 4L * i) * x[xOffset + i];
        }
        return sum;
    }
}
