package jollama.quant;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Random;

/**
 * Random but valid encoded rows for kernel tests: every byte random, except the fp16 scale fields
 * (and the elements of F16/BF16/F32), which get finite values over a chosen range of magnitudes,
 * both signs, so that the kernels see every bit pattern of the quants with sane scales.
 */
final class RandomRows {

    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private RandomRows() {
    }

    /** Byte offsets of the fp16 fields inside one block. */
    static int[] halfFields(QuantFormat f) {
        return switch (f) {
            case Q8_0 _ -> new int[] {0};
            case Q4_0 _ -> new int[] {0};
            case Q5_0 _ -> new int[] {0};
            case Q4_1 _ -> new int[] {0, 2};
            case Q5_1 _ -> new int[] {0, 2};
            case Q4_K _ -> new int[] {0, 2};
            case Q5_K _ -> new int[] {0, 2};
            case Q6_K _ -> new int[] {Q6_K.OFF_D};
            case F32 _ -> new int[0];
            case F16 _ -> new int[0];
            case BF16 _ -> new int[0];
        };
    }

    /**
     * Fills {@code rows} rows of {@code n} elements at byte {@code offset}. Scales (or float
     * elements) have magnitudes 10^[minExp, maxExp) and random signs.
     */
    static void fill(QuantFormat f, MemorySegment seg, long offset, int rows, int n, Random r, double minExp, double maxExp) {
        long bytes = f.rowBytes(n) * rows;
        byte[] noise = new byte[Math.toIntExact(bytes)];
        r.nextBytes(noise);
        MemorySegment.copy(noise, 0, seg, ValueLayout.JAVA_BYTE, offset, noise.length);
        switch (f) {
            case F32 _ -> {
                for (long i = 0; i < (long) rows * n; i++) {
                    seg.set(FLOAT, offset + 4 * i, (float) magnitude(r, minExp, maxExp));
                }
            }
            case F16 _ -> {
                for (long i = 0; i < (long) rows * n; i++) {
                    seg.set(I16, offset + 2 * i, Float.floatToFloat16((float) magnitude(r, minExp, maxExp)));
                }
            }
            case BF16 _ -> {
                for (long i = 0; i < (long) rows * n; i++) {
                    seg.set(I16, offset + 2 * i, Bf16.fromFloat((float) magnitude(r, minExp, maxExp)));
                }
            }
            default -> {
                int[] fields = halfFields(f);
                int blockBytes = f.type().typeSize();
                for (long b = 0; b < bytes / blockBytes; b++) {
                    for (int field : fields) {
                        seg.set(I16, offset + b * blockBytes + field, Float.floatToFloat16((float) magnitude(r, minExp, maxExp)));
                    }
                }
            }
        }
    }

    static double magnitude(Random r, double minExp, double maxExp) {
        double m = Math.pow(10, minExp + (maxExp - minExp) * r.nextDouble());
        return r.nextBoolean() ? m : -m;
    }

    static float[] activations(Random r, int n, double scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * scale);
        }
        return x;
    }

    /** Σ |w_i·x_i| in double, from the scalar dequantization: the scale of a dot's rounding error. */
    static double absDot(QuantFormat f, MemorySegment w, long offset, float[] x, int xOffset, int n) {
        float[] row = new float[n];
        dequantizeScalar(f, w, offset, row, 0, n);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.abs((double) row[i] * x[xOffset + i]);
        }
        return s;
    }

    /** The scalar dequantization whatever the vector setting. */
    static void dequantizeScalar(QuantFormat f, MemorySegment w, long offset, float[] dst, int dstOffset, int n) {
        switch (f) {
            case Q8_0 _ -> Q8_0.dequantizeRowScalar(w, offset, dst, dstOffset, n);
            case Q4_0 _ -> Q4_0.dequantizeRowScalar(w, offset, dst, dstOffset, n);
            case Q4_K _ -> Q4_K.dequantizeRowScalar(w, offset, dst, dstOffset, n);
            case Q6_K _ -> Q6_K.dequantizeRowScalar(w, offset, dst, dstOffset, n);
            case F16 _ -> F16.dequantizeRowScalar(w, offset, dst, dstOffset, n);
            case BF16 _ -> BF16.dequantizeRowScalar(w, offset, dst, dstOffset, n);
            default -> f.dequantizeRow(w, offset, dst, dstOffset, n); // scalar only
        }
    }

    static QuantFormat[] all() {
        return new QuantFormat[] {F32.INSTANCE, F16.INSTANCE, BF16.INSTANCE, Q8_0.INSTANCE, Q4_0.INSTANCE,
                Q4_1.INSTANCE, Q5_0.INSTANCE, Q5_1.INSTANCE, Q4_K.INSTANCE, Q5_K.INSTANCE, Q6_K.INSTANCE};
    }
}
