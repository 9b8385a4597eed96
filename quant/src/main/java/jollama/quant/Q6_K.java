package jollama.quant;

import static jollama.quant.Layouts.I16;
import static jollama.quant.Layouts.I8;

import java.lang.foreign.MemorySegment;
import jollama.gguf.GGMLType;

/**
 * {@code block_q6_K}: 256 weights in 210 bytes (6.5625 bits each). Layout: 128 bytes {@code ql}
 * (low 4 bits), 64 bytes {@code qh} (high 2 bits), 16 signed 8-bit scales (one per 16 weights),
 * fp16 d last. For half h (128 weights) and l in 0..31, with ql = ql + 64h, qh = qh + 32h:
 * weight l is low(ql[l]) | bits 0-1 of qh[l], l+32 low(ql[l+32]) | bits 2-3, l+64 high(ql[l]) |
 * bits 4-5, l+96 high(ql[l+32]) | bits 6-7, each minus 32; w = d·scale·q.
 */
public final class Q6_K implements QuantFormat {

    public static final Q6_K INSTANCE = new Q6_K();

    public static final int QK = KQuants.QK_K;
    public static final int BLOCK_BYTES = 210;
    static final int OFF_QH = 128;
    static final int OFF_SCALES = 192;
    static final int OFF_D = 208;

    private Q6_K() {
    }

    @Override
    public GGMLType type() {
        return GGMLType.Q6_K;
    }

    @Override
    public void dequantizeRow(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        Layouts.checkAccess(this, QK, BLOCK_BYTES, src, offset, n, dst, dstOffset);
        if (Simd.ENABLED) {
            Q6_KVector.dequantizeRow(src, offset, dst, dstOffset, n);
        } else {
            dequantizeRowScalar(src, offset, dst, dstOffset, n);
        }
    }

    /** Scalar {@code dequantize_row_q6_K}, the same float operations as ggml's. */
    static void dequantizeRowScalar(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        for (int b = 0; b < n / QK; b++) {
            long o = offset + (long) b * BLOCK_BYTES;
            float d = Fp16.toFloat(src.get(I16, o + OFF_D));
            for (int h = 0; h < 2; h++) {
                long ql = o + 64L * h;
                long qh = o + OFF_QH + 32L * h;
                long sc = o + OFF_SCALES + 8L * h;
                int y = dstOffset + b * QK + 128 * h;
                for (int l = 0; l < 32; ++l) {
                    int is = l / 16;
                    int a = src.get(I8, ql + l) & 0xFF;
                    int c = src.get(I8, ql + l + 32) & 0xFF;
                    int hb = src.get(I8, qh + l) & 0xFF;
                    int q1 = ((a & 0xF) | ((hb & 3) << 4)) - 32;
                    int q2 = ((c & 0xF) | (((hb >> 2) & 3) << 4)) - 32;
                    int q3 = ((a >> 4) | (((hb >> 4) & 3) << 4)) - 32;
                    int q4 = ((c >> 4) | (((hb >> 6) & 3) << 4)) - 32;
                    dst[y + l] = d * src.get(I8, sc + is) * q1;
                    dst[y + l + 32] = d * src.get(I8, sc + is + 2) * q2;
                    dst[y + l + 64] = d * src.get(I8, sc + is + 4) * q3;
                    dst[y + l + 96] = d * src.get(I8, sc + is + 6) * q4;
                }
            }
        }
    }

    @Override
    public float dot(MemorySegment w, long offset, Activations x, int row, float[] scratch) {
        Layouts.checkAccess(this, QK, BLOCK_BYTES, w, offset, x, row, scratch);
        if (!Simd.ENABLED) {
            return dotScalar(w, offset, x.values(), row * x.cols(), x.cols());
        }
        return Q6_KVector.dot(w, offset, x.segment(), x.offset(row), x.q6kSums(), x.q6kSumsOffset(row), x.cols(),
                scratch);
    }

    @Override
    public void dot4(MemorySegment w, long offset, Activations x, int r0, int r1, int r2, int r3, float[] y) {
        Layouts.checkAccess4(this, QK, BLOCK_BYTES, w, offset, x, r0, r1, r2, r3, y);
        if (Simd.ENABLED) {
            float[] xs = x.q6kSums();
            float[] v = x.values();
            int n = x.cols();
            Q6_KVector.dot2(w, offset, v, r0 * n, r1 * n, xs, x.q6kSumsOffset(r0), x.q6kSumsOffset(r1), n, y, 0);
            Q6_KVector.dot2(w, offset, v, r2 * n, r3 * n, xs, x.q6kSumsOffset(r2), x.q6kSumsOffset(r3), n, y, 2);
        } else {
            QuantFormat.super.dot4(w, offset, x, r0, r1, r2, r3, y);
        }
    }

    @Override
    public float dotScalar(MemorySegment w, long offset, float[] x, int xOffset, int n) {
        Layouts.checkRow(n, QK, this);
        double sum = 0;
        for (int b = 0; b < n / QK; b++) {
            long o = offset + (long) b * BLOCK_BYTES;
            float d = Fp16.toFloat(w.get(I16, o + OFF_D));
            for (int h = 0; h < 2; h++) {
                long ql = o + 64L * h;
                long qh = o + OFF_QH + 32L * h;
                long sc = o + OFF_SCALES + 8L * h;
                int xo = xOffset + b * QK + 128 * h;
                for (int l = 0; l < 32; ++l) {
                    int is = l / 16;
                    int a = w.get(I8, ql + l) & 0xFF;
                    int c = w.get(I8, ql + l + 32) & 0xFF;
                    int hb = w.get(I8, qh + l) & 0xFF;
                    int q1 = ((a & 0xF) | ((hb & 3) << 4)) - 32;
                    int q2 = ((c & 0xF) | (((hb >> 2) & 3) << 4)) - 32;
                    int q3 = ((a >> 4) | (((hb >> 4) & 3) << 4)) - 32;
                    int q4 = ((c >> 4) | (((hb >> 6) & 3) << 4)) - 32;
                    sum += (double) (d * w.get(I8, sc + is) * q1) * x[xo + l];
                    sum += (double) (d * w.get(I8, sc + is + 2) * q2) * x[xo + l + 32];
                    sum += (double) (d * w.get(I8, sc + is + 4) * q3) * x[xo + l + 64];
                    sum += (double) (d * w.get(I8, sc + is + 6) * q4) * x[xo + l + 96];
                }
            }
        }
        return (float) sum;
    }

    @Override
    public void quantizeRow(float[] x, int srcOffset, MemorySegment dst, long dstOffset, int n) {
        Layouts.checkRow(n, QK, this);
        byte[] L = new byte[QK];
        float[] scales = new float[QK / 16];
        byte[] block = new byte[BLOCK_BYTES];
        for (int i = 0; i < n / QK; i++) {
            int xb = srcOffset + i * QK;
            long o = dstOffset + (long) i * BLOCK_BYTES;
            float maxScale = 0;
            float maxAbsScale = 0;
            for (int ib = 0; ib < QK / 16; ++ib) {
                float scale = KQuants.makeQxQuants(16, 32, x, xb + 16 * ib, L, 16 * ib, 1);
                scales[ib] = scale;
                float absScale = Math.abs(scale);
                if (absScale > maxAbsScale) {
                    maxAbsScale = absScale;
                    maxScale = scale;
                }
            }
            java.util.Arrays.fill(block, (byte) 0);
            if (maxAbsScale < KQuants.GROUP_MAX_EPS) {
                MemorySegment.copy(block, 0, dst, I8, o, BLOCK_BYTES); // all zero, d = +0
                continue;
            }
            float iscale = -128.f / maxScale;
            short d = Fp16.fromFloat(1 / iscale);
            for (int ib = 0; ib < QK / 16; ++ib) {
                block[OFF_SCALES + ib] = (byte) Math.min(127, KQuants.nearestInt(iscale * scales[ib]));
            }
            for (int j = 0; j < QK / 16; ++j) {
                float dd = Fp16.toFloat(d) * block[OFF_SCALES + j];
                if (dd == 0) {
                    continue;
                }
                for (int ii = 0; ii < 16; ++ii) {
                    int l = KQuants.nearestInt(x[xb + 16 * j + ii] / dd);
                    L[16 * j + ii] = (byte) (Math.max(-32, Math.min(31, l)) + 32);
                }
            }
            for (int h = 0; h < 2; h++) {
                int j = 128 * h;
                for (int l = 0; l < 32; ++l) {
                    int q1 = L[j + l] & 0xF;
                    int q2 = L[j + l + 32] & 0xF;
                    int q3 = L[j + l + 64] & 0xF;
                    int q4 = L[j + l + 96] & 0xF;
                    block[64 * h + l] = (byte) (q1 | (q3 << 4));
                    block[64 * h + l + 32] = (byte) (q2 | (q4 << 4));
                    block[OFF_QH + 32 * h + l] = (byte) ((L[j + l] >> 4) | ((L[j + l + 32] >> 4) << 2)
                            | ((L[j + l + 64] >> 4) << 4) | ((L[j + l + 96] >> 4) << 6));
                }
            }
            block[OFF_D] = (byte) d;
            block[OFF_D + 1] = (byte) (d >> 8);
            MemorySegment.copy(block, 0, dst, I8, o, BLOCK_BYTES);
        }
    }

    @Override
    public String toString() {
        return "Q6_K";
    }
}
