package jollama.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Random;
import jollama.quant.Bf16;
import jollama.quant.QuantFormat;

/**
 * Random encoded weights for kernel benchmarks. A kernel's speed does not depend on the values,
 * so the bytes are random except the fp16 scales (and float elements), which get sane finite
 * values; quantizing gigabytes of floats would only slow the set-up.
 */
final class BenchData {

    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private BenchData() {
    }

    static MemorySegment rows(Arena arena, QuantFormat f, int rows, int cols, long seed) {
        long bytes = f.rowBytes(cols) * rows;
        MemorySegment seg = arena.allocate(bytes, 64);
        Random r = new Random(seed);
        byte[] chunk = new byte[1 << 20];
        for (long o = 0; o < bytes; o += chunk.length) {
            r.nextBytes(chunk);
            MemorySegment.copy(chunk, 0, seg, ValueLayout.JAVA_BYTE, o, (int) Math.min(chunk.length, bytes - o));
        }
        switch (f.type()) {
            case F32 -> {
                for (long i = 0; i < bytes / 4; i++) {
                    seg.set(F32, 4 * i, (float) r.nextGaussian());
                }
            }
            case F16 -> {
                for (long i = 0; i < bytes / 2; i++) {
                    seg.set(I16, 2 * i, Float.floatToFloat16((float) r.nextGaussian()));
                }
            }
            case BF16 -> {
                for (long i = 0; i < bytes / 2; i++) {
                    seg.set(I16, 2 * i, Bf16.fromFloat((float) r.nextGaussian()));
                }
            }
            default -> {
                int[] fields = switch (f.type()) {
                    case Q4_1, Q5_1, Q4_K, Q5_K -> new int[] {0, 2};
                    case Q6_K -> new int[] {208};
                    default -> new int[] {0};
                };
                int block = f.type().typeSize();
                for (long b = 0; b < bytes / block; b++) {
                    for (int field : fields) {
                        seg.set(I16, b * block + field, Float.floatToFloat16(0.001f + 0.01f * r.nextFloat()));
                    }
                }
            }
        }
        return seg;
    }

    static float[] activations(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }
}
