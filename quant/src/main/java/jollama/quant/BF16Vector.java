package jollama.quant;

import static jollama.quant.SimdSpecies.loadFloats;
import static jollama.quant.SimdSpecies.sum;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Vector API kernels for {@link BF16}: widen the 16 bits to ints and shift them into the top half. */
final class BF16Vector {

    private static final VectorSpecies<Float> F = SimdSpecies.F;
    private static final VectorSpecies<Integer> I = SimdSpecies.I;
    private static final VectorSpecies<Short> S = SimdSpecies.S;
    private static final int L = SimdSpecies.L;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private BF16Vector() {
    }

    static FloatVector load(MemorySegment w, long offset) {
        ShortVector h = ShortVector.fromMemorySegment(S, w, offset, LE);
        return ((IntVector) h.convertShape(VectorOperators.ZERO_EXTEND_S2I, I, 0))
                .lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    static float dot(MemorySegment w, long offset, MemorySegment x, long xOffset, int n) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        int i = 0;
        for (; i + 2 * L <= n; i += 2 * L) {
            acc0 = load(w, offset + 2L * i).fma(loadFloats(x, xOffset + 4L * i), acc0);
            acc1 = load(w, offset + 2L * (i + L)).fma(loadFloats(x, xOffset + 4L * (i + L)), acc1);
        }
        for (; i + L <= n; i += L) {
            acc0 = load(w, offset + 2L * i).fma(loadFloats(x, xOffset + 4L * i), acc0);
        }
        float sum = sum(acc0.add(acc1));
        for (; i < n; i++) {
            sum += Bf16.toFloat(w.get(Layouts.I16, offset + 2L * i)) * x.get(Layouts.F32, xOffset + 4L * i);
        }
        return sum;
    }

    static void dequantizeRow(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        int i = 0;
        for (; i + L <= n; i += L) {
            load(src, offset + 2L * i).intoArray(dst, dstOffset + i);
        }
        for (; i < n; i++) {
            dst[dstOffset + i] = Bf16.toFloat(src.get(Layouts.I16, offset + 2L * i));
        }
    }
}
