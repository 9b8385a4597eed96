package jollama.quant;

import static jollama.quant.Layouts.I16;
import static jollama.quant.Layouts.I32;
import static jollama.quant.Layouts.I8;

import java.lang.foreign.MemorySegment;
import jollama.gguf.GGMLType;

/**
 * {@code block_q4_K}: 256 weights in 144 bytes (4.5 bits each). Layout: fp16 d, fp16 dmin,
 * 12 bytes of packed 6-bit scales and mins for eight sub-blocks of 32, then 128 bytes of nibbles.
 * Nibble byte {@code qs[32g + l]} holds weight {@code 64g + l} in its low half and
 * {@code 64g + 32 + l} in its high half; weight = d·scale·q − dmin·min.
 */
public final class Q4_K implements QuantFormat {

    public static final Q4_K INSTANCE = new Q4_K();

    public static final int QK = KQuants.QK_K;
    public static final int BLOCK_BYTES = 144;
    static final int OFF_D = 0;
    static final int OFF_DMIN = 2;
    static final int OFF_SCALES = 4;
    static final int OFF_QS = 16;

    private Q4_K() {
    }

    @Override
    public GGMLType type() {
        return GGMLType.Q4_K;
    }

    @Override
    public void dequantizeRow(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        Layouts.checkAccess(this, QK, BLOCK_BYTES, src, offset, n, dst, dstOffset);
        if (Simd.ENABLED) {
            Q4_KVector.dequantizeRow(src, offset, dst, dstOffset, n);
        } else {
            dequantizeRowScalar(src, offset, dst, dstOffset, n);
        }
    }

    /** Scalar {@code dequantize_row_q4_K}, the same float operations as ggml's. */
    static void dequantizeRowScalar(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        for (int b = 0; b < n / QK; b++) {
            long o = offset + (long) b * BLOCK_BYTES;
            int y = dstOffset + b * QK;
            float d = Fp16.toFloat(src.get(I16, o + OFF_D));
            float min = Fp16.toFloat(src.get(I16, o + OFF_DMIN));
            int a = src.get(I32, o + OFF_SCALES);
            int bb = src.get(I32, o + OFF_SCALES + 4);
            int c = src.get(I32, o + OFF_SCALES + 8);
            long sc = (KQuants.scales03(a) & 0xFFFFFFFFL) | ((long) KQuants.scales47(a, c) << 32);
            long mn = (KQuants.mins03(bb) & 0xFFFFFFFFL) | ((long) KQuants.mins47(bb, c) << 32);
            for (int g = 0; g < 4; g++) {
                float d1 = d * (int) ((sc >>> (16 * g)) & 0xFF);
                float m1 = min * (int) ((mn >>> (16 * g)) & 0xFF);
                float d2 = d * (int) ((sc >>> (16 * g + 8)) & 0xFF);
                float m2 = min * (int) ((mn >>> (16 * g + 8)) & 0xFF);
                long q = o + OFF_QS + 32L * g;
                for (int l = 0; l < 32; l++) {
                    int v = src.get(I8, q + l) & 0xFF;
                    dst[y + 64 * g + l] = d1 * (v & 0xF) - m1;
                    dst[y + 64 * g + 32 + l] = d2 * (v >> 4) - m2;
                }
            }
        }
    }

    /** The eight 6-bit scales, one per byte, from the first 16 header bytes read as two longs. */
    static long scales(long h0, long h1) {
        int a = (int) (h0 >>> 32);
        int c = (int) (h1 >>> 32);
        return (KQuants.scales03(a) & 0xFFFFFFFFL) | ((long) KQuants.scales47(a, c) << 32);
    }

    /** The eight 6-bit mins, one per byte, from the first 16 header bytes read as two longs. */
    static long mins(long h0, long h1) {
        int b = (int) h1;
        int c = (int) (h1 >>> 32);
        return (KQuants.mins03(b) & 0xFFFFFFFFL) | ((long) KQuants.mins47(b, c) << 32);
    }

    @Override
    public float dot(MemorySegment w, long offset, Activations x, int row, float[] scratch) {
        Layouts.checkAccess(this, QK, BLOCK_BYTES, w, offset, x, row, scratch);
        if (!Simd.ENABLED) {
            return dotScalar(w, offset, x.values(), row * x.cols(), x.cols());
        }
        return Q4_KVector.dotSums(w, offset, x.segment(), x.offset(row), x.q4kSums(), x.q4kSumsOffset(row), x.cols(),
                scratch);
    }

    @Override
    public void dot4(MemorySegment w, long offset, Activations x, int r0, int r1, int r2, int r3, float[] y) {
        Layouts.checkAccess4(this, QK, BLOCK_BYTES, w, offset, x, r0, r1, r2, r3, y);
        if (!Simd.ENABLED) {
            QuantFormat.super.dot4(w, offset, x, r0, r1, r2, r3, y);
            return;
        }
        int n = x.cols();
        Q4_KVector.dotSums4(w, offset, x.values(), r0 * n, r1 * n, r2 * n, r3 * n, x.q4kSums(), x.q4kSumsOffset(r0),
                x.q4kSumsOffset(r1), x.q4kSumsOffset(r2), x.q4kSumsOffset(r3), n, y);
    }

    @Override
    public float dotScalar(MemorySegment w, long offset, float[] x, int xOffset, int n) {
        Layouts.checkRow(n, QK, this);
        double sum = 0;
        for (int b = 0; b < n / QK; b++) {
            long o = offset + (long) b * BLOCK_BYTES;
            int xo = xOffset + b * QK;
            float d = Fp16.toFloat(w.get(I16, o + OFF_D));
            float min = Fp16.toFloat(w.get(I16, o + OFF_DMIN));
            int a = w.get(I32, o + OFF_SCALES);
            int bb = w.get(I32, o + OFF_SCALES + 4);
            int c = w.get(I32, o + OFF_SCALES + 8);
            long sc = (KQuants.scales03(a) & 0xFFFFFFFFL) | ((long) KQuants.scales47(a, c) << 32);
            long mn = (KQuants.mins03(bb) & 0xFFFFFFFFL) | ((long) KQuants.mins47(bb, c) << 32);
            for (int j = 0; j < 8; j++) {
                float dj = d * (int) ((sc >>> (8 * j)) & 0xFF);
                float mj = min * (int) ((mn >>> (8 * j)) & 0xFF);
                long q = o + OFF_QS + 32L * (j / 2);
                int shift = 4 * (j & 1);
                for (int l = 0; l < 32; l++) {
                    int v = ((w.get(I8, q + l) & 0xFF) >> shift) & 0xF;
                    sum += (double) (dj * v - mj) * x[xo + 32 * j + l];
                }
            }
        }
        return (float) sum;
    }

    @Override
    public void quantizeRow(float[] x, int srcOffset, MemorySegment dst, long dstOffset, int n) {
        Layouts.checkRow(n, QK, this);
        KQuantSuperblock sb = new KQuantSuperblock();
        byte[] L = sb.levels;
        for (int i = 0; i < n / QK; i++) {
            sb.quantize(x, srcOffset + i * QK, 15, -1.f, 20);
            long o = dstOffset + (long) i * BLOCK_BYTES;
            dst.set(I16, o + OFF_D, sb.d);
            dst.set(I16, o + OFF_DMIN, sb.dmin);
            MemorySegment.copy(sb.packed, 0, dst, I8, o + OFF_SCALES, 12);
            for (int g = 0; g < 4; g++) {
                for (int l = 0; l < 32; ++l) {
                    dst.set(I8, o + OFF_QS + 32 * g + l, (byte) (L[64 * g + l] | (L[64 * g + l + 32] << 4)));
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Q4_K";
    }
}
