package jollama.quant;

import static jollama.quant.Layouts.I16;

import java.lang.foreign.MemorySegment;
import jollama.gguf.GGMLType;

/** {@code GGML_TYPE_F16}: IEEE binary16, rounded to nearest even from fp32 as ggml does. */
public final class F16 implements QuantFormat {

    public static final F16 INSTANCE = new F16();

    private F16() {
    }

    @Override
    public GGMLType type() {
        return GGMLType.F16;
    }

    @Override
    public void dequantizeRow(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        Layouts.checkAccess(this, 1, 2, src, offset, n, dst, dstOffset);
        if (Simd.ENABLED) {
            F16Vector.dequantizeRow(src, offset, dst, dstOffset, n);
        } else {
            dequantizeRowScalar(src, offset, dst, dstOffset, n);
        }
    }

    static void dequantizeRowScalar(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOffset + i] = Fp16.toFloat(src.get(I16, offset + 2L * i));
        }
    }

    @Override
    public void quantizeRow(float[] src, int srcOffset, MemorySegment dst, long dstOffset, int n) {
        for (int i = 0; i < n; i++) {
            dst.set(I16, dstOffset + 2L * i, Fp16.fromFloat(src[srcOffset + i]));
        }
    }

    @Override
    public float dot(MemorySegment w, long offset, Activations x, int row, float[] scratch) {
        Layouts.checkAccess(this, 1, 2, w, offset, x, row, scratch);
        if (!Simd.ENABLED) {
            return dotScalar(w, offset, x.values(), row * x.cols(), x.cols());
        }
        return F16Vector.dot(w, offset, x.segment(), x.offset(row), x.cols());
    }

    @Override
    public float dotScalar(MemorySegment w, long offset, float[] x, int xOffset, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (double) Fp16.toFloat(w.get(I16, offset + 2L * i)) * x[xOffset + i];
        }
        return (float) sum;
    }

    @Override
    public String toString() {
        return "F16";
    }
}
