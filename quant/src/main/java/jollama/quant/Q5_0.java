package jollama.quant;

import static jollama.quant.Layouts.I16;
import static jollama.quant.Layouts.I32;
import static jollama.quant.Layouts.I8;

import java.lang.foreign.MemorySegment;
import jollama.gguf.GGMLType;

/**
 * {@code block_q5_0}: 32 weights in 22 bytes: fp16 d, a 32-bit word of fifth bits (bit j for
 * weight j), then 16 nibble bytes (low halves weights 0..15, high halves 16..31); w = d·(q − 16).
 */
public final class Q5_0 implements QuantFormat {

    public static final Q5_0 INSTANCE = new Q5_0();

    public static final int QK = 32;
    public static final int BLOCK_BYTES = 22;

    private Q5_0() {
    }

    @Override
    public GGMLType type() {
        return GGMLType.Q5_0;
    }

    @Override
    public void dequantizeRow(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        Layouts.checkAccess(this, QK, BLOCK_BYTES, src, offset, n, dst, dstOffset);
        for (int b = 0; b < n / QK; b++) {
            long o = offset + (long) b * BLOCK_BYTES;
            float d = Fp16.toFloat(src.get(I16, o));
            int qh = src.get(I32, o + 2);
            int y = dstOffset + b * QK;
            for (int j = 0; j < QK / 2; j++) {
                int q = src.get(I8, o + 6 + j) & 0xFF;
                int xh0 = ((qh >>> j) << 4) & 0x10;
                int xh1 = (qh >>> (j + 12)) & 0x10;
                dst[y + j] = (((q & 0x0F) | xh0) - 16) * d;
                dst[y + j + QK / 2] = (((q >> 4) | xh1) - 16) * d;
            }
        }
    }

    @Override
    public void quantizeRow(float[] x, int srcOffset, MemorySegment dst, long dstOffset, int n) {
        Layouts.checkRow(n, QK, this);
        for (int i = 0; i < n / QK; i++) {
            int xb = srcOffset + i * QK;
            float amax = 0.0f;
            float max = 0.0f;
            for (int j = 0; j < QK; j++) {
                float v = x[xb + j];
                if (amax < Math.abs(v)) {
                    amax = Math.abs(v);
                    max = v;
                }
            }
            final float d = max / -16;
            final float id = d != 0 ? 1.0f / d : 0.0f;
            long o = dstOffset + (long) i * BLOCK_BYTES;
            dst.set(I16, o, Fp16.fromFloat(d));
            int qh = 0;
            for (int j = 0; j < QK / 2; ++j) {
                float x0 = x[xb + j] * id;
                float x1 = x[xb + QK / 2 + j] * id;
                int xi0 = Math.min(31, (byte) (int) (x0 + 16.5f));
                int xi1 = Math.min(31, (byte) (int) (x1 + 16.5f));
                dst.set(I8, o + 6 + j, (byte) ((xi0 & 0x0F) | ((xi1 & 0x0F) << 4)));
                qh |= ((xi0 & 0x10) >>> 4) << j;
                qh |= ((xi1 & 0x10) >>> 4) << (j + QK / 2);
            }
            dst.set(I32, o + 2, qh);
        }
    }

    @Override
    public float dot(MemorySegment w, long offset, Activations x, int row, float[] scratch) {
        Layouts.checkAccess(this, QK, BLOCK_BYTES, w, offset, x, row, scratch);
        if (!Simd.ENABLED) {
            return dotScalar(w, offset, x.values(), row * x.cols(), x.cols());
        }
        return Q5Vector.dot(w, offset, x.segment(), x.offset(row), x.cols(), false);
    }

    @Override
    public float dotScalar(MemorySegment w, long offset, float[] x, int xOffset, int n) {
        Layouts.checkRow(n, QK, this);
        double sum = 0;
        for (int b = 0; b < n / QK; b++) {
            long o = offset + (long) b * BLOCK_BYTES;
            float d = Fp16.toFloat(w.get(I16, o));
            int qh = w.get(I32, o + 2);
            int xo = xOffset + b * QK;
            for (int j = 0; j < QK / 2; j++) {
                int q = w.get(I8, o + 6 + j) & 0xFF;
                int q0 = (q & 0x0F) | (((qh >>> j) << 4) & 0x10);
                int q1 = (q >> 4) | ((qh >>> (j + 12)) & 0x10);
                sum += (double) ((q0 - 16) * d) * x[xo + j];
                sum += (double) ((q1 - 16) * d) * x[xo + j + QK / 2];
            }
        }
        return (float) sum;
    }

    @Override
    public String toString() {
        return "Q5_0";
    }
}
