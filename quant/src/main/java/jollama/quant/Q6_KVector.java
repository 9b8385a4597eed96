package jollama.quant;

import static jollama.quant.SimdSpecies.sum;
import static jollama.quant.SimdSpecies.sumLanes;
import static jollama.quant.SimdSpecies.BIAS32;
import static jollama.quant.SimdSpecies.BITS45;
import static jollama.quant.SimdSpecies.BYTES_30;
import static jollama.quant.SimdSpecies.LOW4;
import static jollama.quant.SimdSpecies.b2f;
import static jollama.quant.SimdSpecies.highNibbles;
import static jollama.quant.SimdSpecies.i2f;
import static jollama.quant.SimdSpecies.load16;
import static jollama.quant.SimdSpecies.loadBytes;
import static jollama.quant.SimdSpecies.loadFloats;
import static jollama.quant.SimdSpecies.lowNibbles;
import static jollama.quant.SimdSpecies.widen;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels for {@link Q6_K}. Lanes l..l+L-1 of a 128-weight half come from the bytes
 * ql[l], ql[l+32] and qh[l], zero-extended to int lanes: each ql vector yields two weight vectors
 * (its low and high nibbles), each topped with two bits of qh shifted into bits 4-5. A vector
 * never straddles two 16-weight scale groups (L ≤ 16), so it gets one scale; the −32 of every
 * weight is taken out once per superblock through the group sums of x (see {@link #dot}).
 */
final class Q6_KVector {

    private static final VectorSpecies<Float> F = SimdSpecies.F;
    private static final VectorSpecies<Integer> I = SimdSpecies.I;
    private static final int L = SimdSpecies.L;

    private Q6_KVector() {
    }

    /** Floats per superblock in a sums array of {@link #sums}: the sums of its sixteen scale groups. */
    static final int SUMS_STRIDE = 16;

    /**
     * The sums of x over every 16-weight scale group, for the −32 of every weight: those of
     * superblock b at {@code xs[xsOffset + 16·b ..]}. Needs {@code xs.length ≥ xsOffset + n / 16}.
     */
    static void sums(float[] x, int xOffset, int n, float[] xs, int xsOffset) {
        for (int g = 0; g < n / 16; g++) {
            int xo = xOffset + 16 * g;
            FloatVector s = FloatVector.fromArray(F, x, xo);
            for (int c = L; c < 16; c += L) {
                s = s.add(FloatVector.fromArray(F, x, xo + c));
            }
            xs[xsOffset + g] = sum(s);
        }
    }

    /**
     * Σ w·x of one row, with x in native memory ({@link Activations}) and its group sums in
     * {@code xs} ({@link #sums}). With w = d·sc_g·(q − 32): Σ w·x = Σ_g d·sc_g·(Σ q·x) −
     * 32·Σ_g d·sc_g·X_g, so the six bits are used as they are, 0..63, and the bias costs one vector
     * FMA per superblock, into the second of the two sums. The d·sc_g go through {@code scales}
     * (a vector store, then one broadcast load each).
     *
     * <p>The bytes ql[64h + 32k + c] (h, k in 0..1, c in 0..31) hold in their low nibbles weights
     * 128h + 32k + c (group 8h + 2k + c/16) and in their high nibbles the same + 64 (group + 4);
     * the top two bits sit at bits 2k and 4 + 2k of qh[32h + c]. A weight vector is scaled as it
     * is summed (multiply by x, then FMA by the scale): two weight vectors per loop body keep the
     * kernel within C2's inlining budget.
     */
    static float dot(MemorySegment w, long offset, MemorySegment x, long xOffset, float[] xs, int xsOffset, int n,
                     float[] scales) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        for (int b = 0; b < n / Q6_K.QK; b++) {
            long o = offset + (long) b * Q6_K.BLOCK_BYTES;
            long xb = xOffset + 1024L * b;
            float d = Fp16.toFloat(w.get(Layouts.I16, o + Q6_K.OFF_D));
            for (int k = 0; k < 16; k += L) { // the bias: −32·d·sc_g·X_g, into the second sums
                FloatVector dsc = b2f(loadBytes(w, o + Q6_K.OFF_SCALES + k)).mul(d);
                acc1 = dsc.mul(-32f).fma(FloatVector.fromArray(F, xs, xsOffset + SUMS_STRIDE * b + k), acc1);
                dsc.intoArray(scales, k);
            }
            for (int hk = 0; hk < 4; hk++) {
                int k = hk & 1;
                long ql = o + 32L * hk; // 64h + 32k
                long qh = o + Q6_K.OFF_QH + 32L * (hk >> 1);
                long xk = xb + 128L * hk + 256L * (hk >> 1); // weights 128h + 32k
                int g = 4 * hk - 2 * k; // group of lane 0: 8h + 2k
                for (int c = 0; c < 32; c += L) {
                    IntVector q = widen(loadBytes(w, ql + c));
                    IntVector hb = widen(loadBytes(w, qh + c));
                    if (k == 1) { // constant shifts only: C2 does not intrinsify a shift by a variable count
                        hb = hb.lanewise(VectorOperators.LSHR, 2);
                    }
                    long xc = xk + 4L * c;
                    int gc = g + (c >> 4);
                    acc0 = i2f(q.and(LOW4).or(hb.lanewise(VectorOperators.LSHL, 4).and(BITS45))).mul(loadFloats(x, xc))
                            .fma(FloatVector.broadcast(F, scales[gc]), acc0);
                    acc1 = i2f(q.lanewise(VectorOperators.LSHR, 4).or(hb.and(BITS45))).mul(loadFloats(x, xc + 256))
                            .fma(FloatVector.broadcast(F, scales[gc + 4]), acc1);
                }
            }
        }
        return sum(acc0.add(acc1));
    }

    /**
     * {@link #dot} against two activation rows {@code x[x0 ..]} and {@code x[x1 ..]} (sums at s0,
     * s1), results in {@code y[at]} and {@code y[at + 1]} (at ≤ 2: the other two results are left
     * alone), y[4 ..] scratch ({@link QuantFormat#DOT4_FLOATS}): each weight vector is decoded once
     * for the two, and each row gets exactly the operations dot would give it. Two rows, not four,
     * and the activations from the heap array rather than native memory: C2 stops inlining once a
     * compilation reaches its node budget (a vector operation left as a call is boxed on the
     * heap), and four rows, or segment loads, exceed it. {@link Q6_K#dot4} calls this twice.
     */
    static void dot2(MemorySegment w, long offset, float[] x, int x0, int x1, float[] xs, int s0, int s1, int n,
                     float[] y, int at) {
        FloatVector a0 = FloatVector.zero(F), a1 = FloatVector.zero(F);
        FloatVector b0 = FloatVector.zero(F), b1 = FloatVector.zero(F);
        int scales = 4 + 2 * L; // scratch after the lane sums
        for (int b = 0; b < n / Q6_K.QK; b++) {
            long o = offset + (long) b * Q6_K.BLOCK_BYTES;
            int xb = 256 * b;
            float d = Fp16.toFloat(w.get(Layouts.I16, o + Q6_K.OFF_D));
            // scalar here, vector in dot: the same products, and so the same bits, in fewer C2 nodes
            for (int g = 0; g < 16; g++) {
                y[scales + g] = d * w.get(Layouts.I8, o + Q6_K.OFF_SCALES + g);
            }
            for (int k = 0; k < 16; k += L) {
                FloatVector bias = FloatVector.fromArray(F, y, scales + k).mul(-32f);
                int sk = SUMS_STRIDE * b + k;
                b0 = bias.fma(FloatVector.fromArray(F, xs, s0 + sk), b0);
                b1 = bias.fma(FloatVector.fromArray(F, xs, s1 + sk), b1);
            }
            for (int hk = 0; hk < 4; hk++) {
                int k = hk & 1;
                long ql = o + 32L * hk;
                long qh = o + Q6_K.OFF_QH + 32L * (hk >> 1);
                int xk = xb + 32 * hk + 64 * (hk >> 1);
                int g = scales + 4 * hk - 2 * k;
                for (int c = 0; c < 32; c += L) {
                    IntVector q = widen(loadBytes(w, ql + c));
                    IntVector hb = widen(loadBytes(w, qh + c));
                    if (k == 1) {
                        hb = hb.lanewise(VectorOperators.LSHR, 2);
                    }
                    int xc = xk + c;
                    int gc = g + (c >> 4);
                    FloatVector sl = FloatVector.broadcast(F, y[gc]);
                    FloatVector sh = FloatVector.broadcast(F, y[gc + 4]);
                    FloatVector lo = i2f(q.and(LOW4).or(hb.lanewise(VectorOperators.LSHL, 4).and(BITS45)));
                    FloatVector hi = i2f(q.lanewise(VectorOperators.LSHR, 4).or(hb.and(BITS45)));
                    a0 = lo.mul(FloatVector.fromArray(F, x, x0 + xc)).fma(sl, a0);
                    b0 = hi.mul(FloatVector.fromArray(F, x, x0 + xc + 64)).fma(sh, b0);
                    a1 = lo.mul(FloatVector.fromArray(F, x, x1 + xc)).fma(sl, a1);
                    b1 = hi.mul(FloatVector.fromArray(F, x, x1 + xc + 64)).fma(sh, b1);
                }
            }
        }
        a0.add(b0).intoArray(y, 4);
        a1.add(b1).intoArray(y, 4 + L);
        y[at] = sumLanes(y, 4);
        y[at + 1] = sumLanes(y, 4 + L);
    }

    static void dequantizeRow(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        for (int b = 0; b < n / Q6_K.QK; b++) {
            long o = offset + (long) b * Q6_K.BLOCK_BYTES;
            float d = Fp16.toFloat(src.get(Layouts.I16, o + Q6_K.OFF_D));
            for (int h = 0; h < 2; h++) {
                long sc = src.get(Layouts.I64, o + Q6_K.OFF_SCALES + 8L * h);
                long ql = o + 64L * h;
                long qh = o + Q6_K.OFF_QH + 32L * h;
                int y = dstOffset + b * Q6_K.QK + 128 * h;
                for (int l = 0; l < 32; l += L) {
                    IntVector hb = load16(src, qh + l).reinterpretAsInts();
                    for (int k = 0; k < 2; k++) {
                        ByteVector q = load16(src, ql + 32 * k + l);
                        IntVector h2 = hb.lanewise(VectorOperators.LSHR, 2 * k);
                        ByteVector lo = lowNibbles(q).or(h2.lanewise(VectorOperators.LSHL, 4).and(BYTES_30).reinterpretAsBytes());
                        ByteVector hi = highNibbles(q).or(h2.and(BYTES_30).reinterpretAsBytes());
                        int is = 8 * ((l >> 4) + 2 * k);
                        // (d·scale)·q, the order ggml's dequantize_row_q6_K multiplies in
                        b2f(lo.sub(BIAS32)).mul(d * (byte) (sc >>> is)).intoArray(dst, y + 32 * k + l);
                        b2f(hi.sub(BIAS32)).mul(d * (byte) (sc >>> (is + 32))).intoArray(dst, y + 64 + 32 * k + l);
                    }
                }
            }
        }
    }
}
