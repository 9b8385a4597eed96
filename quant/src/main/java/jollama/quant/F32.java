package jollama.quant;

import java.lang.foreign.MemorySegment;
import jollama.gguf.GGMLType;

/** {@code GGML_TYPE_F32}: plain little-endian floats; "quantizing" is a copy. */
public final class F32 implements QuantFormat {

    public static final F32 INSTANCE = new F32();

    private F32() {
    }

    @Override
    public GGMLType type() {
        return GGMLType.F32;
    }

    @Override
    public void dequantizeRow(MemorySegment src, long offset, float[] dst, int dstOffset, int n) {
        Layouts.checkAccess(this, 1, 4, src, offset, n, dst, dstOffset);
        MemorySegment.copy(src, Layouts.F32, offset, dst, dstOffset, n);
    }

    @Override
    public void quantizeRow(float[] src, int srcOffset, MemorySegment dst, long dstOffset, int n) {
        MemorySegment.copy(src, srcOffset, dst, Layouts.F32, dstOffset, n);
    }

    @Override
    public float dot(MemorySegment w, long offset, Activations x, int row, float[] scratch) {
        Layouts.checkAccess(this, 1, 4, w, offset, x, row, scratch);
        if (!Simd.ENABLED) {
            return dotScalar(w, offset, x.values(), row * x.cols(), x.cols());
        }
        return F32Vector.dot(w, offset, x.segment(), x.offset(row), x.cols());
    }

    @Override
    public float dotScalar(MemorySegment w, long offset, float[] x, int xOffset, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (double) w.get(Layouts.F32, offset + 4L * i) * x[xOffset + i];
        }
        return (float) sum;
    }

    @Override
    public String toString() {
        return "F32";
    }
}
