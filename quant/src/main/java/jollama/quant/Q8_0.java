package jollama.quant;

import static jollama.quant.Layouts.I16;
import static jollama.quant.Layouts.I8;

import java.lang.foreign.MemorySegment;
import jollama.gguf.GGMLType;

/** {@code block_q8_0}: 32 weights in 34 bytes: fp16 scale d, then 32 signed bytes; w = d·q. */
public final class Q8_0 implements QuantFormat {

    public static final Q8_0 INSTANCE = new Q8_0();

    public static final int QK = 32;
    public static final int BLOCK_BYTES = 34;

    private Q8_0() {
    }

    @Override
    public GGMLType type() {
        return GGMLType.Q8_0;
    }

    @Override
    public void dequantizeRow(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        Layouts.checkAccess(this, QK, BLOCK_BYTES, src, offset, n, dst, dstOffset);
        if (Simd.ENABLED) {
            Q8_0Vector.dequantizeRow(src, offset, dst, dstOffset, n);
        } else {
            dequantizeRowScalar(src, offset, dst, dstOffset, n);
        }
    }

    /** Scalar {@code dequantize_row_q8_0}. */
    static void dequantizeRowScalar(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        for (int b = 0; b < n / QK; b++) {
            long o = offset + (long) b * BLOCK_BYTES;
            float d = Fp16.toFloat(src.get(I16, o));
            for (int j = 0; j < QK; j++) {
                dst[dstOffset + b * QK + j] = src.get(I8, o + 2 + j) * d;
            }
        }
    }

    @Override
    public void quantizeRow(float[] x, int srcOffset, MemorySegment dst, long dstOffset, int n) {
        Layouts.checkRow(n, QK, this);
        for (int i = 0; i < n / QK; i++) {
            int xb = srcOffset + i * QK;
            float amax = 0.0f;
            for (int j = 0; j < QK; j++) {
                float v = Math.abs(x[xb + j]);
                amax = amax > v ? amax : v; // ggml's MAX macro, not Math.max (they differ on NaN)
            }
            final float d = amax / ((1 << 7) - 1);
            final float id = d != 0 ? 1.0f / d : 0.0f;
            long o = dstOffset + (long) i * BLOCK_BYTES;
            dst.set(I16, o, Fp16.fromFloat(d));
            for (int j = 0; j < QK; ++j) {
                dst.set(I8, o + 2 + j, (byte) (int) KQuants.roundf(x[xb + j] * id));
            }
        }
    }

    @Override
    public float dot(MemorySegment w, long offset, Activations x, int row, float[] scratch) {
        Layouts.checkAccess(this, QK, BLOCK_BYTES, w, offset, x, row, scratch);
        if (!Simd.ENABLED) {
            return dotScalar(w, offset, x.values(), row * x.cols(), x.cols());
        }
        return Q8_0Vector.dot(w, offset, x.segment(), x.offset(row), x.cols());
    }

    @Override
    public void dot4(MemorySegment w, long offset, Activations x, int r0, int r1, int r2, int r3, float[] y) {
        Layouts.checkAccess4(this, QK, BLOCK_BYTES, w, offset, x, r0, r1, r2, r3, y);
        if (Simd.ENABLED) {
            Q8_0Vector.dot4(w, offset, x.values(), r0 * x.cols(), r1 * x.cols(), r2 * x.cols(), r3 * x.cols(), x.cols(), y);
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
            float d = Fp16.toFloat(w.get(I16, o));
            for (int j = 0; j < QK; j++) {
                sum += (double) (w.get(I8, o + 2 + j) * d) * x[xOffset + b * QK + j];
            }
        }
        return (float) sum;
    }

    @Override
    public String toString() {
        return "Q8_0";
    }
}
