package jollama.quant;

import static jollama.quant.SimdSpecies.sum;
import static jollama.quant.SimdSpecies.sumLanes;
import static jollama.quant.SimdSpecies.BIAS32;
import static jollama.quant.SimdSpecies.BYTES_30;
import static jollama.quant.SimdSpecies.b2f;
import static jollama.quant.SimdSpecies.highNibbles;
import static jollama.quant.SimdSpecies.load16;
import static jollama.quant.SimdSpecies.lowNibbles;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels for {@link Q6_K}. Lanes l..l+L-1 of a 128-weight half come from the bytes
 * ql[l], ql[l+32] and qh[l]: each ql vector yields two weight vectors (its low and high nibbles),
 * each topped with two bits of qh moved into place with int-lane shifts and masks (x86 has no
 * byte shifts), re-centred (−32) in the byte domain and widened to floats. A vector never
 * straddles two 16-weight scale groups (L ≤ 16), so it gets one scale, decoded from a long that
 * holds the half's eight scales.
 */
final class Q6_KVector {

    private static final VectorSpecies<Float> F = SimdSpecies.F;
    private static final int L = SimdSpecies.L;

    private Q6_KVector() {
    }

    static float dot(MemorySegment w, long offset, float[] x, int xOffset, int n) {
        Layouts.checkRow(n, Q6_K.QK, Q6_K.INSTANCE);
        // Every 16-byte window read below (ql at most 64h + 72, qh at most 200) stays inside the
        // 210-byte block, so load16 serves every width.
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        for (int b = 0; b < n / Q6_K.QK; b++) {
            long o = offset + (long) b * Q6_K.BLOCK_BYTES;
            float d = Fp16.toFloat(w.get(Layouts.I16, o + Q6_K.OFF_D));
            for (int h = 0; h < 2; h++) {
                long sc = w.get(Layouts.I64, o + Q6_K.OFF_SCALES + 8L * h); // this half's 8 signed scales
                long ql = o + 64L * h;
                long qh = o + Q6_K.OFF_QH + 32L * h;
                int xo = xOffset + b * Q6_K.QK + 128 * h;
                for (int l = 0; l < 32; l += L) {
                    IntVector hb = load16(w, qh + l).reinterpretAsInts();
                    for (int k = 0; k < 2; k++) {
                        // k = 0: ql[l] with qh bits 0-1 (weights l) and 4-5 (l + 64);
                        // k = 1: ql[l + 32] with bits 2-3 (l + 32) and 6-7 (l + 96).
                        ByteVector q = load16(w, ql + 32 * k + l);
                        IntVector h2 = hb.lanewise(VectorOperators.LSHR, 2 * k);
                        ByteVector lo = lowNibbles(q).or(h2.lanewise(VectorOperators.LSHL, 4).and(BYTES_30).reinterpretAsBytes());
                        ByteVector hi = highNibbles(q).or(h2.and(BYTES_30).reinterpretAsBytes());
                        int is = 8 * ((l >> 4) + 2 * k); // bit offset of this scale byte
                        acc0 = b2f(lo.sub(BIAS32)).mul(d * (byte) (sc >>> is))
                                .fma(FloatVector.fromArray(F, x, xo + 32 * k + l), acc0);
                        acc1 = b2f(hi.sub(BIAS32)).mul(d * (byte) (sc >>> (is + 32)))
                                .fma(FloatVector.fromArray(F, x, xo + 64 + 32 * k + l), acc1);
                    }
                }
            }
        }
        return sum(acc0.add(acc1));
    }

    /**
     * {@link #dot} against four activation rows: each weight vector is decoded (six bits, bias,
     * scale) once and multiplied into all four; eight accumulators keep the FMAs independent.
     */
    static void dot4(MemorySegment w, long offset, float[] x, int x0, int x1, int x2, int x3, int n, float[] y) {
        Layouts.checkRow(n, Q6_K.QK, Q6_K.INSTANCE);
        FloatVector a0 = FloatVector.zero(F), a1 = FloatVector.zero(F), a2 = FloatVector.zero(F), a3 = FloatVector.zero(F);
        FloatVector b0 = FloatVector.zero(F), b1 = FloatVector.zero(F), b2 = FloatVector.zero(F), b3 = FloatVector.zero(F);
        for (int b = 0; b < n / Q6_K.QK; b++) {
            long o = offset + (long) b * Q6_K.BLOCK_BYTES;
            float d = Fp16.toFloat(w.get(Layouts.I16, o + Q6_K.OFF_D));
            for (int h = 0; h < 2; h++) {
                long sc = w.get(Layouts.I64, o + Q6_K.OFF_SCALES + 8L * h);
                long ql = o + 64L * h;
                long qh = o + Q6_K.OFF_QH + 32L * h;
                int kh = b * Q6_K.QK + 128 * h;
                for (int l = 0; l < 32; l += L) {
                    IntVector hb = load16(w, qh + l).reinterpretAsInts();
                    for (int k = 0; k < 2; k++) {
                        ByteVector q = load16(w, ql + 32 * k + l);
                        IntVector h2 = hb.lanewise(VectorOperators.LSHR, 2 * k);
                        ByteVector lo = lowNibbles(q).or(h2.lanewise(VectorOperators.LSHL, 4).and(BYTES_30).reinterpretAsBytes());
                        ByteVector hi = highNibbles(q).or(h2.and(BYTES_30).reinterpretAsBytes());
                        int is = 8 * ((l >> 4) + 2 * k);
                        FloatVector wl = b2f(lo.sub(BIAS32)).mul(d * (byte) (sc >>> is));
                        FloatVector wh = b2f(hi.sub(BIAS32)).mul(d * (byte) (sc >>> (is + 32)));
                        int kl = kh + 32 * k + l;
                        a0 = wl.fma(FloatVector.fromArray(F, x, x0 + kl), a0);
                        b0 = wh.fma(FloatVector.fromArray(F, x, x0 + kl + 64), b0);
                        a1 = wl.fma(FloatVector.fromArray(F, x, x1 + kl), a1);
                        b1 = wh.fma(FloatVector.fromArray(F, x, x1 + kl + 64), b1);
                        a2 = wl.fma(FloatVector.fromArray(F, x, x2 + kl), a2);
                        b2 = wh.fma(FloatVector.fromArray(F, x, x2 + kl + 64), b2);
                        a3 = wl.fma(FloatVector.fromArray(F, x, x3 + kl), a3);
                        b3 = wh.fma(FloatVector.fromArray(F, x, x3 + kl + 64), b3);
                    }
                }
            }
        }
        a0.add(b0).intoArray(y, 4);
        a1.add(b1).intoArray(y, 4 + L);
        a2.add(b2).intoArray(y, 4 + 2 * L);
        a3.add(b3).intoArray(y, 4 + 3 * L);
        for (int t = 0; t < 4; t++) {
            y[t] = sumLanes(y, 4 + t * L);
        }
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
