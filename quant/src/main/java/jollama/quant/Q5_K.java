package jollama.quant;

import static jollama.quant.Layouts.I16;
import static jollama.quant.Layouts.I64;
import static jollama.quant.Layouts.I8;

import java.lang.foreign.MemorySegment;
import jollama.gguf.GGMLType;

/**
 * {@code block_q5_K}: 256 weights in 176 bytes (5.5 bits each). Layout: fp16 d, fp16 dmin,
 * 12 bytes of packed 6-bit scales and mins (as {@link Q4_K}), 32 bytes {@code qh} of fifth bits,
 * 128 bytes of nibbles. Weight {@code 64g + l} is the low nibble of {@code qs[32g + l]} plus 16 if
 * bit {@code 2g} of {@code qh[l]} is set; weight {@code 64g + 32 + l} the high nibble plus bit
 * {@code 2g + 1}; w = d·scale·q − dmin·min.
 */
public final class Q5_K implements QuantFormat {

    public static final Q5_K INSTANCE = new Q5_K();

    public static final int QK = KQuants.QK_K;
    public static final int BLOCK_BYTES = 176;
    static final int OFF_SCALES = 4;
    static final int OFF_QH = 16;
    static final int OFF_QS = 48;

    private Q5_K() {
    }

    @Override
    public GGMLType type() {
        return GGMLType.Q5_K;
    }

    @Override
    public void dequantizeRow(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        Layouts.checkAccess(this, QK, BLOCK_BYTES, src, offset, n, dst, dstOffset);
        for (int b = 0; b < n / QK; b++) {
            long o = offset + (long) b * BLOCK_BYTES;
            int y = dstOffset + b * QK;
            float d = Fp16.toFloat(src.get(I16, o));
            float min = Fp16.toFloat(src.get(I16, o + 2));
            long sc = scales(src, o);
            long mn = mins(src, o);
            for (int g = 0; g < 4; g++) {
                float d1 = d * (int) ((sc >>> (16 * g)) & 0xFF);
                float m1 = min * (int) ((mn >>> (16 * g)) & 0xFF);
                float d2 = d * (int) ((sc >>> (16 * g + 8)) & 0xFF);
                float m2 = min * (int) ((mn >>> (16 * g + 8)) & 0xFF);
                for (int l = 0; l < 32; l++) {
                    int q = src.get(I8, o + OFF_QS + 32L * g + l) & 0xFF;
                    int h = src.get(I8, o + OFF_QH + l) >> (2 * g);
                    dst[y + 64 * g + l] = d1 * ((q & 0xF) + ((h & 1) != 0 ? 16 : 0)) - m1;
                    dst[y + 64 * g + 32 + l] = d2 * ((q >> 4) + ((h & 2) != 0 ? 16 : 0)) - m2;
                }
            }
        }
    }

    /** The eight 6-bit scales of the superblock at {@code o}, one per byte (same packing as Q4_K). */
    static long scales(MemorySegment s, long o) {
        return Q4_K.scales(s.get(I64, o), s.get(I64, o + 8));
    }

    /** The eight 6-bit mins of the superblock at {@code o}, one per byte. */
    static long mins(MemorySegment s, long o) {
        return Q4_K.mins(s.get(I64, o), s.get(I64, o + 8));
    }

    @Override
    public float dot(MemorySegment w, long offset, Activations x, int row, float[] scratch) {
        Layouts.checkAccess(this, QK, BLOCK_BYTES, w, offset, x, row, scratch);
        if (!Simd.ENABLED) {
            return dotScalar(w, offset, x.values(), row * x.cols(), x.cols());
        }
        return Q5_KVector.dot(w, offset, x.segment(), x.offset(row), x.cols());
    }

    @Override
    public float dotScalar(MemorySegment w, long offset, float[] x, int xOffset, int n) {
        Layouts.checkRow(n, QK, this);
        double sum = 0;
        for (int b = 0; b < n / QK; b++) {
            long o = offset + (long) b * BLOCK_BYTES;
            int xo = xOffset + b * QK;
            float d = Fp16.toFloat(w.get(I16, o));
            float min = Fp16.toFloat(w.get(I16, o + 2));
            long sc = scales(w, o);
            long mn = mins(w, o);
            for (int j = 0; j < 8; j++) {
                float dj = d * (int) ((sc >>> (8 * j)) & 0xFF);
                float mj = min * (int) ((mn >>> (8 * j)) & 0xFF);
                int shift = 4 * (j & 1);
                for (int l = 0; l < 32; l++) {
                    int q = ((w.get(I8, o + OFF_QS + 32L * (j / 2) + l) & 0xFF) >> shift) & 0xF;
                    q += ((w.get(I8, o + OFF_QH + l) >> j) & 1) << 4;
                    sum += (double) (dj * q - mj) * x[xo + 32 * j + l];
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
            sb.quantize(x, srcOffset + i * QK, 31, -0.5f, 15);
            long o = dstOffset + (long) i * BLOCK_BYTES;
            dst.set(I16, o, sb.d);
            dst.set(I16, o + 2, sb.dmin);
            MemorySegment.copy(sb.packed, 0, dst, I8, o + OFF_SCALES, 12);
            byte[] qh = new byte[32];
            for (int g = 0; g < 4; g++) {
                int m1 = 1 << (2 * g);
                int m2 = 2 << (2 * g);
                for (int j = 0; j < 32; ++j) {
                    int l1 = L[64 * g + j];
                    if (l1 > 15) {
                        l1 -= 16;
                        qh[j] |= (byte) m1;
                    }
                    int l2 = L[64 * g + j + 32];
                    if (l2 > 15) {
                        l2 -= 16;
                        qh[j] |= (byte) m2;
                    }
                    dst.set(I8, o + OFF_QS + 32 * g + j, (byte) (l1 | (l2 << 4)));
                }
            }
            MemorySegment.copy(qh, 0, dst, I8, o + OFF_QH, 32);
        }
    }

    @Override
    public String toString() {
        return "Q5_K";
    }
}
