package jollama.quant;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Vector API kernel for {@link StreamRead}: four vector accumulators keep loads in flight. */
final class StreamReadVector {

    private static final VectorSpecies<Long> S = switch (SimdSpecies.BITS) {
        case 128 -> LongVector.SPECIES_128;
        case 256 -> LongVector.SPECIES_256;
        default -> LongVector.SPECIES_512;
    };
    private static final int BYTES = S.vectorByteSize();
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private StreamReadVector() {
    }

    static long sum(MemorySegment s) {
        long size = s.byteSize() / Long.BYTES * Long.BYTES;
        LongVector a = LongVector.zero(S);
        LongVector b = LongVector.zero(S);
        LongVector c = LongVector.zero(S);
        LongVector d = LongVector.zero(S);
        long o = 0;
        for (; o + 4L * BYTES <= size; o += 4L * BYTES) {
            a = a.add(LongVector.fromMemorySegment(S, s, o, LE));
            b = b.add(LongVector.fromMemorySegment(S, s, o + BYTES, LE));
            c = c.add(LongVector.fromMemorySegment(S, s, o + 2L * BYTES, LE));
            d = d.add(LongVector.fromMemorySegment(S, s, o + 3L * BYTES, LE));
        }
        long sum = a.add(b).add(c).add(d).reduceLanes(VectorOperators.ADD);
        for (; o < size; o += Long.BYTES) {
            sum += s.get(Layouts.I64, o);
        }
        return sum;
    }
}
