package jollama.quant;

import static jollama.quant.Layouts.I16;
import static jollama.quant.Layouts.I8;

import java.lang.foreign.MemorySegment;
import jollama.gguf.GGMLType;

/**
 * {@code block_q4_0}: 32 weights in 18 bytes: fp16 d, then 16 bytes whose low nibbles are weights
 * 0..15 and high nibbles 16..31; w = d·(q − 8).
 */
public final class Q4_0 implements QuantFormat {

    public static final Q4_0 INSTANCE = new Q4_0();

    public static final int QK = 32;
    public static final int BLOCK_BYTES = 18;

    private Q4_0() {
    }

    @Override
    public GGMLType type() {
        return GGMLType.Q4_0;
    }

    @Override
    public void dequantizeRow(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        Layouts.checkAccess(this, QK, BLOCK_BYTES, src, offset, n, dst, dstOffset);
        if (Simd.ENABLED) {
            Q4_0Vector.dequantizeRow(src, offset, dst, dstOffset, n);
        } else {
            dequantizeRowScalar(src, offset, dst, dstOffset, n);
        }
    }

    /** Scalar {@code dequantize_row_q4_0}. */
    static void dequantizeRowScalar(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        for (int b = 0; b < n / QK; b++) {
            long o = offset + (long) b * BLOCK_BYTES;
            float d = Fp16.toFloat(src.get(I16, o));
            int y = dstOffset + b * QK;
            for (int j = 0; j < QK / 2; j++) {
                int q = src.get(I8, o + 2 + j) & 0xFF;
                dst[y + j] = ((q & 0x0F) - 8) * d;
                dst[y + j + QK / 2] = ((q >> 4) - 8) * d;
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
            final float d = max / -8;
            final float id = d != 0 ? 1.0f / d : 0.0f;
            long o = dstOffset + (long) i * BLOCK_BYTES;
            dst.set(I16, o, Fp16.fromFloat(d));
            for (int j = 0; j < QK / 2; ++j) {
                float x0 = x[xb + j] * id;
                float x1 = x[xb + QK / 2 + j] * id;
                int xi0 = Math.min(15, (byte) (int) (x0 + 8.5f)); // C truncates into an int8_t
                int xi1 = Math.min(15, (byte) (int) (x1 + 8.5f));
                dst.set(I8, o + 2 + j, (byte) (xi0 | (xi1 << 4)));
            }
        }
    }

    @Override
    public float dot(MemorySegment w, long offset, Activations x, int row, float[] scratch) {
        Layouts.checkAccess(this, QK, BLOCK_BYTES, w, offset, x, row, scratch);
        if (!Simd.ENABLED) {
            return dotScalar(w, offset, x.values(), row * x.cols(), x.cols());
        }
        return Q4_0Vector.dot(w, offset, x.segment(), x.offset(row), x.cols());
    }

    @Override
    public float dotScalar(MemorySegment w, long offset, float[] x, int xOffset, int n) {
        Layouts.checkRow(n, QK, this);
        double sum = 0;
        for (int b = 0; b < n / QK; b++) {
            long o = offset + (long) b * BLOCK_BYTES;
            float d = Fp16.toFloat(w.get(I16, o));
            int xo = xOffset + b * QK;
            for (int j = 0; j < QK / 2; j++) {
                int q = w.get(I8, o + 2 + j) & 0xFF;
                sum += (double) (((q & 0x0F) - 8) * d) * x[xo + j];
                sum += (double) (((q >> 4) - 8) * d) * x[xo + j + QK / 2];
            }
        }
        return (float) sum;
    }

    @Override
    public String toString() {
        return "Q4_0";
    }
}
