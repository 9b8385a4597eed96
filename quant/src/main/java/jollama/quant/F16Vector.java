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

/**
 * Vector API kernels for {@link F16}. The Vector API has no half-float conversion, so the bits are
 * widened to ints and rebuilt: placing exponent and mantissa 13 bits up and multiplying by 2^112
 * re-biases the exponent, and is exact for normals and subnormals alike; infinities and NaNs are
 * patched with a blend, and the sign is or-ed back.
 */
final class F16Vector {

    private static final VectorSpecies<Float> F = SimdSpecies.F;
    private static final VectorSpecies<Integer> I = SimdSpecies.I;
    private static final VectorSpecies<Short> S = SimdSpecies.S;
    private static final int L = SimdSpecies.L;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private static final IntVector HALF_MAGNITUDE = IntVector.broadcast(I, 0x7FFF);
    private static final IntVector HALF_SIGN = IntVector.broadcast(I, 0x8000);
    private static final IntVector HALF_INF = IntVector.broadcast(I, 0x7C00);
    private static final IntVector EXP_ALL_ONES = IntVector.broadcast(I, 0x7F800000);

    private F16Vector() {
    }

    /** The L halves at {@code offset} as floats. */
    static FloatVector load(MemorySegment w, long offset) {
        ShortVector h = ShortVector.fromMemorySegment(S, w, offset, LE);
        IntVector e = (IntVector) h.convertShape(VectorOperators.ZERO_EXTEND_S2I, I, 0);
        IntVector em = e.and(HALF_MAGNITUDE);
        IntVector shifted = em.lanewise(VectorOperators.LSHL, 13);
        IntVector finite = shifted.reinterpretAsFloats().mul(0x1p112f).reinterpretAsInts();
        IntVector bits = finite.blend(shifted.or(EXP_ALL_ONES), em.compare(VectorOperators.GE, HALF_INF));
        return bits.or(e.and(HALF_SIGN).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
    }

    static float dot(MemorySegment w, long offset, MemorySegment x, long xOffset, int n) {
        // One load site only: the decode is long, and each inlined copy of it costs C2 nodes.
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (; i + L <= n; i += L) {
            acc = load(w, offset + 2L * i).fma(loadFloats(x, xOffset + 4L * i), acc);
        }
        float sum = sum(acc);
        for (; i < n; i++) {
            sum += Fp16.toFloat(w.get(Layouts.I16, offset + 2L * i)) * x.get(Layouts.F32, xOffset + 4L * i);
        }
        return sum;
    }

    static void dequantizeRow(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        int i = 0;
        for (; i + L <= n; i += L) {
            load(src, offset + 2L * i).intoArray(dst, dstOffset + i);
        }
        for (; i < n; i++) {
            dst[dstOffset + i] = Fp16.toFloat(src.get(Layouts.I16, offset + 2L * i));
        }
    }
}
