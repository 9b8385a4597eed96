package jollama.quant;

import static jollama.quant.SimdSpecies.sum;
import static jollama.quant.SimdSpecies.sumLanes;
import static jollama.quant.Layouts.I64;
import static jollama.quant.SimdSpecies.b2f;
import static jollama.quant.SimdSpecies.LOW4;
import static jollama.quant.SimdSpecies.highNibbles;
import static jollama.quant.SimdSpecies.i2f;
import static jollama.quant.SimdSpecies.loadBytes;
import static jollama.quant.SimdSpecies.loadFloats;
import static jollama.quant.SimdSpecies.lowNibbles;
import static jollama.quant.SimdSpecies.widen;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels for {@link Q4_K}. Per superblock the eight 6-bit scales and mins are decoded
 * with a handful of int operations (no table), then each 64-weight group streams its 32 nibble
 * bytes once: zero-extended to int lanes, masked (low nibbles) or shifted (high) and converted to
 * float; the two sub-blocks of a group feed two accumulators (see {@link #dotSums}).
 */
final class Q4_KVector {

    private static final VectorSpecies<Float> F = SimdSpecies.F;
    private static final int L = SimdSpecies.L;

    private Q4_KVector() {
    }

    /** Floats per superblock in a sums array of {@link #sums}: eight sums, zero-padded to a vector. */
    static final int SUMS_STRIDE = Math.max(8, L);

    /**
     * The activation sums of every 32-weight sub-block, for {@link #dotSums}: sums of superblock
     * b at {@code xs[xsOffset + SUMS_STRIDE·b ..]}, each zero-padded to a whole vector. Needs
     * {@code xs.length ≥ xsOffset + n / 256 · SUMS_STRIDE}.
     */
    static void sums(float[] x, int xOffset, int n, float[] xs, int xsOffset) {
        for (int b = 0; b < n / Q4_K.QK; b++) {
            for (int j = 0; j < 8; j++) {
                int xo = xOffset + b * Q4_K.QK + 32 * j;
                FloatVector s = FloatVector.fromArray(F, x, xo);
                for (int c = L; c < 32; c += L) {
                    s = s.add(FloatVector.fromArray(F, x, xo + c));
                }
                xs[xsOffset + SUMS_STRIDE * b + j] = sum(s);
            }
            for (int j = 8; j < SUMS_STRIDE; j++) {
                xs[xsOffset + SUMS_STRIDE * b + j] = 0;
            }
        }
    }

    /**
     * Σ w·x of one row, with x in native memory ({@link Activations}) and the sub-block sums of x
     * in {@code xs} ({@link #sums}). With w = d·sc·q − dmin·m, Σ w·x = Σ_j d·sc_j·(Σ q·x) −
     * dmin·Σ_j m_j·X_j: the inner loop does one FMA per weight vector, the min term one vector FMA
     * per superblock. The eight d·sc_j go through {@code scales} (a vector store, then one
     * broadcast load each): extracting them in scalar code cost more than the nibbles did.
     */
    static float dotSums(MemorySegment w, long offset, MemorySegment x, long xOffset, float[] xs, int xsOffset, int n,
                         float[] scales) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        FloatVector accMin = FloatVector.zero(F);
        long xo = xOffset;
        for (int b = 0; b < n / Q4_K.QK; b++) {
            long o = offset + (long) b * Q4_K.BLOCK_BYTES;
            long h0 = w.get(I64, o);
            long h1 = w.get(I64, o + 8);
            float d = Float.float16ToFloat((short) h0);
            float dmin = Float.float16ToFloat((short) (h0 >>> 16));
            long sc = Q4_K.scales(h0, h1);
            long mn = Q4_K.mins(h0, h1);
            int s = xsOffset + SUMS_STRIDE * b;
            for (int k = 0; k < 8; k += L) { // the eight scales and mins as bytes, widened L at a time
                accMin = bytes(mn >>> (8 * k)).mul(dmin).fma(FloatVector.fromArray(F, xs, s + k), accMin);
                bytes(sc >>> (8 * k)).mul(d).intoArray(scales, k);
            }
            long q = o + Q4_K.OFF_QS;
            for (int g = 0; g < 4; g++) { // 32 bytes: sub-block 2g in the low nibbles, 2g+1 in the high
                FloatVector t0 = FloatVector.zero(F);
                FloatVector t1 = FloatVector.zero(F);
                for (int c = 0; c < 32; c += L) {
                    IntVector v = widen(loadBytes(w, q + c));
                    t0 = i2f(v.and(LOW4)).fma(loadFloats(x, xo + 4L * c), t0);
                    t1 = i2f(v.lanewise(VectorOperators.LSHR, 4)).fma(loadFloats(x, xo + 128 + 4L * c), t1);
                }
                acc0 = t0.fma(FloatVector.broadcast(F, scales[2 * g]), acc0);
                acc1 = t1.fma(FloatVector.broadcast(F, scales[2 * g + 1]), acc1);
                q += 32;
                xo += 256;
            }
        }
        return sum(acc0.add(acc1).sub(accMin));
    }

    /**
     * {@link #dotSums} against four activation rows, each with its sums at {@code xs[s_i ..]}:
     * the nibbles are widened once for the four, and each row gets exactly the operations
     * dotSums would give it, so a sequence's logits do not depend on which others share its
     * decode step. {@code y} holds the four results and {@link QuantFormat#DOT4_FLOATS} in all.
     */
    static void dotSums4(MemorySegment w, long offset, float[] x, int x0, int x1, int x2, int x3, float[] xs,
                         int s0, int s1, int s2, int s3, int n, float[] y) {
        FloatVector a0 = FloatVector.zero(F), a1 = FloatVector.zero(F), a2 = FloatVector.zero(F), a3 = FloatVector.zero(F);
        FloatVector b0 = FloatVector.zero(F), b1 = FloatVector.zero(F), b2 = FloatVector.zero(F), b3 = FloatVector.zero(F);
        FloatVector m0 = FloatVector.zero(F), m1 = FloatVector.zero(F), m2 = FloatVector.zero(F), m3 = FloatVector.zero(F);
        int mins = 4 + 4 * L; // scratch after the lane sums: dmin·m_j, twice (a vector's worth)
        for (int b = 0; b < n / Q4_K.QK; b++) {
            long o = offset + (long) b * Q4_K.BLOCK_BYTES;
            long h0 = w.get(I64, o);
            long h1 = w.get(I64, o + 8);
            float d = Float.float16ToFloat((short) h0);
            float dmin = Float.float16ToFloat((short) (h0 >>> 16));
            long sc = Q4_K.scales(h0, h1);
            long mn = Q4_K.mins(h0, h1);
            // the mins scalar here, vector in dotSums: the same products, and so the same bits, in
            // fewer C2 nodes (four rows of vector code leave little of its inlining budget)
            for (int j = 0; j < 8; j++) {
                float m = dmin * (int) ((mn >>> (8 * j)) & 0xFF);
                y[mins + j] = m;
                y[mins + 8 + j] = m;
            }
            for (int k = 0; k < 8; k += L) {
                FloatVector mk = FloatVector.fromArray(F, y, mins + k);
                int sk = SUMS_STRIDE * b + k;
                m0 = mk.fma(FloatVector.fromArray(F, xs, s0 + sk), m0);
                m1 = mk.fma(FloatVector.fromArray(F, xs, s1 + sk), m1);
                m2 = mk.fma(FloatVector.fromArray(F, xs, s2 + sk), m2);
                m3 = mk.fma(FloatVector.fromArray(F, xs, s3 + sk), m3);
            }
            for (int g = 0; g < 4; g++) {
                long q = o + Q4_K.OFF_QS + 32L * g;
                int k0 = b * Q4_K.QK + 64 * g;
                FloatVector t0 = FloatVector.zero(F), t1 = FloatVector.zero(F), t2 = FloatVector.zero(F), t3 = FloatVector.zero(F);
                FloatVector u0 = FloatVector.zero(F), u1 = FloatVector.zero(F), u2 = FloatVector.zero(F), u3 = FloatVector.zero(F);
                for (int c = 0; c < 32; c += L) {
                    ByteVector bytes = loadBytes(w, q + c);
                    FloatVector lo = b2f(lowNibbles(bytes));
                    FloatVector hi = b2f(highNibbles(bytes));
                    int k = k0 + c;
                    t0 = lo.fma(FloatVector.fromArray(F, x, x0 + k), t0);
                    u0 = hi.fma(FloatVector.fromArray(F, x, x0 + k + 32), u0);
                    t1 = lo.fma(FloatVector.fromArray(F, x, x1 + k), t1);
                    u1 = hi.fma(FloatVector.fromArray(F, x, x1 + k + 32), u1);
                    t2 = lo.fma(FloatVector.fromArray(F, x, x2 + k), t2);
                    u2 = hi.fma(FloatVector.fromArray(F, x, x2 + k + 32), u2);
                    t3 = lo.fma(FloatVector.fromArray(F, x, x3 + k), t3);
                    u3 = hi.fma(FloatVector.fromArray(F, x, x3 + k + 32), u3);
                }
                FloatVector d1 = FloatVector.broadcast(F, d * (int) ((sc >>> (16 * g)) & 0xFF));
                FloatVector d2 = FloatVector.broadcast(F, d * (int) ((sc >>> (16 * g + 8)) & 0xFF));
                a0 = t0.fma(d1, a0);
                b0 = u0.fma(d2, b0);
                a1 = t1.fma(d1, a1);
                b1 = u1.fma(d2, b1);
                a2 = t2.fma(d1, a2);
                b2 = u2.fma(d2, b2);
                a3 = t3.fma(d1, a3);
                b3 = u3.fma(d2, b3);
            }
        }
        a0.add(b0).sub(m0).intoArray(y, 4);
        a1.add(b1).sub(m1).intoArray(y, 4 + L);
        a2.add(b2).sub(m2).intoArray(y, 4 + 2 * L);
        a3.add(b3).sub(m3).intoArray(y, 4 + 3 * L);
        for (int t = 0; t < 4; t++) {
            y[t] = sumLanes(y, 4 + t * L);
        }
    }

    /** The eight bytes of {@code v} (low first) in the first lanes, sign-extended to floats. */
    private static FloatVector bytes(long v) {
        return b2f(LongVector.broadcast(LongVector.SPECIES_128, v).reinterpretAsBytes());
    }

    static void dequantizeRow(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        for (int b = 0; b < n / Q4_K.QK; b++) {
            long o = offset + (long) b * Q4_K.BLOCK_BYTES;
            int y = dstOffset + b * Q4_K.QK;
            long h0 = src.get(I64, o);
            long h1 = src.get(I64, o + 8);
            float d = Float.float16ToFloat((short) h0);
            float dmin = Float.float16ToFloat((short) (h0 >>> 16));
            long sc = Q4_K.scales(h0, h1);
            long mn = Q4_K.mins(h0, h1);
            for (int g = 0; g < 4; g++) {
                // d1·q − m1 as ggml computes it (a multiply, then a subtract: no FMA)
                FloatVector d1 = FloatVector.broadcast(F, d * (int) ((sc >>> (16 * g)) & 0xFF));
                FloatVector m1 = FloatVector.broadcast(F, dmin * (int) ((mn >>> (16 * g)) & 0xFF));
                FloatVector d2 = FloatVector.broadcast(F, d * (int) ((sc >>> (16 * g + 8)) & 0xFF));
                FloatVector m2 = FloatVector.broadcast(F, dmin * (int) ((mn >>> (16 * g + 8)) & 0xFF));
                long q = o + Q4_K.OFF_QS + 32L * g;
                for (int c = 0; c < 32; c += L) {
                    ByteVector bytes = loadBytes(src, q + c);
                    b2f(lowNibbles(bytes)).mul(d1).sub(m1).intoArray(dst, y + 64 * g + c);
                    b2f(highNibbles(bytes)).mul(d2).sub(m2).intoArray(dst, y + 64 * g + 32 + c);
                }
            }
        }
    }
}
