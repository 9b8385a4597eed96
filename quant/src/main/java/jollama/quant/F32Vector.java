package jollama.quant;

import static jollama.quant.SimdSpecies.loadFloats;
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

    static float dot(MemorySegment w, long offset, MemorySegment x, long xOffset, int n) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector acc2 = FloatVector.zero(F);
        FloatVector acc3 = FloatVector.zero(F);
        int i = 0;
        for (; i + 4 * L <= n; i += 4 * L) {
            long o = offset + 4L * i;
            acc0 = FloatVector.fromMemorySegment(F, w, o, LE).fma(loadFloats(x, xOffset + 4L * i), acc0);
            acc1 = FloatVector.fromMemorySegment(F, w, o + 4L * L, LE)
                    .fma(loadFloats(x, xOffset + 4L * (i + L)), acc1);
            acc2 = FloatVector.fromMemorySegment(F, w, o + 8L * L, LE)
                    .fma(loadFloats(x, xOffset + 4L * (i + 2 * L)), acc2);
            acc3 = FloatVector.fromMemorySegment(F, w, o + 12L * L, LE)
                    .fma(loadFloats(x, xOffset + 4L * (i + 3 * L)), acc3);
        }
        for (; i + L <= n; i += L) {
            acc0 = FloatVector.fromMemorySegment(F, w, offset + 4L * i, LE)
                    .fma(loadFloats(x, xOffset + 4L * i), acc0);
        }
        float sum = sum(acc0.add(acc1).add(acc2.add(acc3)));
        for (; i < n; i++) {
            sum += w.get(Layouts.F32, offset + 4L * i) * x.get(Layouts.F32, xOffset + 4L * i);
        }
        return sum;
    }
}
