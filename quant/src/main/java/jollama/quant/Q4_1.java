package jollama.quant;

import static jollama.quant.Layouts.I16;
import static jollama.quant.Layouts.I8;

import java.lang.foreign.MemorySegment;
import jollama.gguf.GGMLType;

/**
 * {@code block_q4_1}: 32 weights in 20 bytes: fp16 d, fp16 m, then 16 nibble bytes (low halves
 * weights 0..15, high halves 16..31); w = d·q + m.
 */
public final class Q4_1 implements QuantFormat {

    public static final Q4_1 INSTANCE = new Q4_1();

    public static final int QK = 32;
    public static final int BLOCK_BYTES = 20;

    private Q4_1() {
    }

    @Override
    public GGMLType type() {
        return GGMLType.Q4_1;
    }

    @Override
    public void dequantizeRow(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        Layouts.checkAccess(this, QK, BLOCK_BYTES, src, offset, n, dst, dstOffset);
        for (int b = 0; b < n / QK; b++) {
            long o = offset + (long) b * BLOCK_BYTES;
            float d = Fp16.toFloat(src.get(I16, o));
            float m = Fp16.toFloat(src.get(I16, o + 2));
            int y = dstOffset + b * QK;
            for (int j = 0; j < QK / 2; j++) {
                int q = src.get(I8, o + 4 + j) & 0xFF;
                dst[y + j] = (q & 0x0F) * d + m;
                dst[y + j + QK / 2] = (q >> 4) * d + m;
            }
        }
    }

    @Override
    public void quantizeRow(float[] x, int srcOffset, MemorySegment dst, long dstOffset, int n) {
        Layouts.checkRow(n, QK, this);
        for (int i = 0; i < n / QK; i++) {
            int xb = srcOffset + i * QK;
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (int j = 0; j < QK; j++) {
                float v = x[xb + j];
                if (v < min) {
                    min = v;
                }
                if (v > max) {
                    max = v;
                }
            }
            final float d = (max - min) / ((1 << 4) - 1);
            final float id = d != 0 ? 1.0f / d : 0.0f;
            long o = dstOffset + (long) i * BLOCK_BYTES;
            dst.set(I16, o, Fp16.fromFloat(d));
            dst.set(I16, o + 2, Fp16.fromFloat(min));
            for (int j = 0; j < QK / 2; ++j) {
                float x0 = (x[xb + j] - min) * id;
                float x1 = (x[xb + QK / 2 + j] - min) * id;
                int xi0 = Math.min(15, (byte) (int) (x0 + 0.5f));
                int xi1 = Math.min(15, (byte) (int) (x1 + 0.5f));
                dst.set(I8, o + 4 + j, (byte) (xi0 | (xi1 << 4)));
            }
        }
    }

    @Override
    public float dot(MemorySegment w, long offset, Activations x, int row, float[] scratch) {
        Layouts.checkAccess(this, QK, BLOCK_BYTES, w, offset, x, row, scratch);
        if (!Simd.ENABLED) {
            return dotScalar(w, offset, x.values(), row * x.cols(), x.cols());
        }
        return Q4_1Vector.dot(w, offset, x.segment(), x.offset(row), x.cols());
    }

    @Override
    public float dotScalar(MemorySegment w, long offset, float[] x, int xOffset, int n) {
        Layouts.checkRow(n, QK, this);
        double sum = 0;
        for (int b = 0; b < n / QK; b++) {
            long o = offset + (long) b * BLOCK_BYTES;
            float d = Fp16.toFloat(w.get(I16, o));
            float m = Fp16.toFloat(w.get(I16, o + 2));
            int xo = xOffset + b * QK;
            for (int j = 0; j < QK / 2; j++) {
                int q = w.get(I8, o + 4 + j) & 0xFF;
                sum += (double) ((q & 0x0F) * d + m) * x[xo + j];
                sum += (double) ((q >> 4) * d + m) * x[xo + j + QK / 2];
            }
        }
        return (float) sum;
    }

    @Override
    public String toString() {
        return "Q4_1";
    }
}
