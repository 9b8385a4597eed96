package jollama.quant;

import java.lang.System.Logger.Level;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector species every kernel uses, chosen once. They are {@code static final} so that C2
 * sees constants and emits straight SIMD code; a species read from a non-constant field would
 * leave every lane-wise operation un-intrinsified.
 *
 * <p>Quant bytes are loaded {@link #L} at a time ({@link #loadBytes}) so that one {@code B2F}
 * conversion (part 0) maps them onto exactly one float vector: 16 bytes feed a 512-bit float
 * vector. Kernels keep one code path for every width: converting parts 1..3 of a wider load costs
 * extra slices, and duplicated per-part code pushed C2 past its inlining node budget.
 *
 * <p>A note on code size. C2 stops inlining once parsing a method has created ~18,000 nodes
 * (NodeCountInliningCutoff), and every Vector API call inlines a deep chain: a vector op costs
 * 200-1000 nodes, a scalar MemorySegment read ~700. Past the cutoff a call stays un-inlined and
 * every vector crossing it is boxed on the heap, a tenfold slowdown. So kernels read block
 * headers with few wide scalar reads, use constant vectors for masks, and loop over small bodies
 * (one or two weight vectors) instead of unrolling by hand; C2 unrolls after parsing, where the
 * cutoff no longer applies. Kernels stay below ~15,000 parse nodes at every width.
 */
final class SimdSpecies {

    static final int BITS = chooseBits();
    static final VectorSpecies<Float> F = switch (BITS) {
        case 128 -> FloatVector.SPECIES_128;
        case 256 -> FloatVector.SPECIES_256;
        default -> FloatVector.SPECIES_512;
    };
    static final VectorSpecies<Integer> I = switch (BITS) {
        case 128 -> IntVector.SPECIES_128;
        case 256 -> IntVector.SPECIES_256;
        default -> IntVector.SPECIES_512;
    };
    /**
     * Quant bytes always travel in 128-bit vectors, whatever the float width: C2 supports every
     * byte and int operation there (on x86 and NEON alike), while 64-bit vectors (two int lanes)
     * miss some, e.g. shifts by a variable count, which then fall back to boxing Java code.
     */
    static final VectorSpecies<Byte> B = ByteVector.SPECIES_128;
    /** Shorts (fp16/bf16) with as many lanes as {@link #F}. */
    static final VectorSpecies<Short> S = switch (BITS) {
        case 128 -> ShortVector.SPECIES_64;
        case 256 -> ShortVector.SPECIES_128;
        default -> ShortVector.SPECIES_256;
    };
    /** Float lanes. */
    static final int L = F.length();

    /** Lane permutations i → i ^ h of {@link #sum}; null where h ≥ L (never used at that width). */
    private static final VectorShuffle<Float> SWAP_8 = swap(8);
    private static final VectorShuffle<Float> SWAP_4 = swap(4);
    private static final VectorShuffle<Float> SWAP_2 = swap(2);
    private static final VectorShuffle<Float> SWAP_1 = swap(1);
    static final ByteVector NIBBLE = ByteVector.broadcast(ByteVector.SPECIES_128, (byte) 0x0F);
    /** 8 and 32 in every byte lane: the biases of Q4_0 and Q6_K. */
    static final ByteVector BIAS8 = ByteVector.broadcast(ByteVector.SPECIES_128, (byte) 8);
    static final ByteVector BIAS32 = ByteVector.broadcast(ByteVector.SPECIES_128, (byte) 32);
    /** 0x0F and 0x30 in every int lane: a nibble, and bits 4-5 (Q6_K's high bits). */
    static final IntVector LOW4 = IntVector.broadcast(I, 0x0F);
    static final IntVector BITS45 = IntVector.broadcast(I, 0x30);
    /** Bit masks repeated in every byte of an int lane. */
    static final IntVector BYTES_01 = IntVector.broadcast(IntVector.SPECIES_128, 0x01010101);
    static final IntVector BYTES_30 = IntVector.broadcast(IntVector.SPECIES_128, 0x30303030);

    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private SimdSpecies() {
    }

    /**
     * The {@link #L} bytes at {@code offset} in the first lanes of a 128-bit byte vector: a
     * vector load of 16 bytes at 512 bits; at 256 and 128 bits one scalar load of 8 or 4 bytes,
     * broadcast (the lanes past L are never used). Reading exactly L bytes keeps every load
     * inside its block, so the last row of a segment is never overrun.
     */
    static ByteVector loadBytes(MemorySegment s, long offset) {
        if (L == 4) {
            return IntVector.broadcast(IntVector.SPECIES_128, s.get(I32, offset)).reinterpretAsBytes();
        }
        if (L == 8) {
            return LongVector.broadcast(LongVector.SPECIES_128, s.get(I64, offset)).reinterpretAsBytes();
        }
        return ByteVector.fromMemorySegment(B, s, offset, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * 16 bytes at {@code offset}, of which kernels use the first {@link #L}: one vector load at
     * every width, for callers whose 16-byte window never leaves the block (cheaper in C2 nodes
     * than {@link #loadBytes}' scalar read and broadcast).
     */
    static ByteVector load16(MemorySegment s, long offset) {
        return ByteVector.fromMemorySegment(B, s, offset, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The sum of the lanes in one fixed order (a halving tree). {@code reduceLanes(ADD)} leaves the
     * order to the implementation, and the interpreter, C1 and C2 each pick another, so the same
     * row would give different bits before and after the JIT compiles a kernel: a seeded
     * request would not be reproducible.
     */
    static float sum(FloatVector v) {
        // lane i + lane i^h for h = L/2 .. 1: constant permutations, one instruction each
        if (L >= 16) {
            v = v.add(v.rearrange(SWAP_8));
        }
        if (L >= 8) {
            v = v.add(v.rearrange(SWAP_4));
        }
        v = v.add(v.rearrange(SWAP_2));
        v = v.add(v.rearrange(SWAP_1));
        return v.lane(0);
    }

    /**
     * {@link #sum} of a vector stored at {@code a[off ..]}, in place, to the same bits: kernels
     * with many accumulators store them and fold them here, because four inlined {@link #sum}s
     * would push them past C2's inlining budget (and a vector passed to a call that is not
     * inlined is boxed on the heap).
     */
    static float sumLanes(float[] a, int off) {
        for (int h = L / 2; h >= 1; h >>= 1) {
            for (int i = 0; i < h; i++) {
                a[off + i] += a[off + i + h];
            }
        }
        return a[off];
    }

    /** The L floats at byte {@code offset} of an activation segment (see {@link Activations}). */
    static FloatVector loadFloats(MemorySegment x, long offset) {
        return FloatVector.fromMemorySegment(F, x, offset, ByteOrder.LITTLE_ENDIAN);
    }

    /** Lanes 0..L-1 of a byte vector, zero-extended to ints. */
    static IntVector widen(ByteVector v) {
        return (IntVector) v.convertShape(VectorOperators.ZERO_EXTEND_B2I, I, 0);
    }

    /** Int lanes to floats. */
    static FloatVector i2f(IntVector v) {
        return (FloatVector) v.convert(VectorOperators.I2F, 0);
    }

    /** Lanes 0..L-1 of a byte vector, sign-extended to floats. */
    static FloatVector b2f(ByteVector v) {
        return (FloatVector) v.convertShape(VectorOperators.B2F, F, 0);
    }

    /**
     * The high nibble of every byte. x86 has no byte shift (C2 would widen and pack back), so
     * shift int lanes and mask: bits crossing a byte boundary land in the masked-off half.
     */
    static ByteVector highNibbles(ByteVector v) {
        return v.reinterpretAsInts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes().and(NIBBLE);
    }

    /** The low nibble of every byte. */
    static ByteVector lowNibbles(ByteVector v) {
        return v.and(NIBBLE);
    }

    private static VectorShuffle<Float> swap(int h) {
        return h < L ? VectorShuffle.fromOp(F, i -> i ^ h) : null;
    }

    private static int chooseBits() {
        int preferred = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        String requested = System.getProperty(Simd.PROPERTY, "");
        if (!requested.isEmpty()) {
            switch (requested) {
                case "128", "256", "512" -> {
                    int bits = Integer.parseInt(requested);
                    if (bits > preferred) {
                        System.getLogger("jollama.quant").log(Level.WARNING, Simd.PROPERTY + "=" + bits
                                + " is wider than this CPU's " + preferred + "-bit vectors: the kernels will be slow");
                    }
                    return bits;
                }
                default -> System.getLogger("jollama.quant").log(Level.WARNING, "Ignoring " + Simd.PROPERTY
                        + "=" + requested + " (expected 0, 128, 256 or 512); using " + preferred + " bits");
            }
        }
        // Below 128 bits (no SIMD at all) the Vector API would only emulate: 128 is the floor. A
        // width between the species (SVE allows 384) falls to the one below, so BITS is F's size.
        return Integer.highestOneBit(Math.max(128, Math.min(512, preferred)));
    }
}
