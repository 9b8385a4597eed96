package jollama.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import jollama.gguf.GGMLType;
import jollama.quant.Matrix;
import jollama.quant.MatrixOps;
import jollama.quant.QuantFormat;
import jollama.quant.QuantFormats;
import jollama.quant.Simd;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decode-shaped y = W·x on all cores, at Qwen3-4B's FFN shapes: 9728 rows × 2560 cols (gate/up)
 * and 2560 rows × 9728 cols (down). The result to read is the {@code gigabytes} counter, reported
 * as a rate: GB/s of weights streamed (per sequence, for the four-sequence decode step
 * {@code matVecs4}). Each call uses the next of several copies of the matrix,
 * together well over the L3 cache, so the weights come from memory as they do in decode.
 *
 * <pre>java --add-modules jdk.incubator.vector -jar bench/target/jollama-bench.jar MatVec -f 1 -wi 2 -i 3</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.ADD_MODULES, ForkFlags.VECTOR_MODULE, ForkFlags.UNCHECKED_VECTOR_ACCESS})
public class MatVecBenchmark {

    /** Bytes the copies of the matrix span together: several times a 32 MiB L3. */
    private static final long WORKING_SET = 160L << 20;

    @Param({"Q4_K", "Q6_K", "Q8_0"})
    public String type;

    /** cols x rows */
    @Param({"2560x9728", "9728x2560"})
    public String shape;

    private Arena arena;
    private MatrixOps ops;
    private Matrix[] copies;
    private float[] x;
    private float[] y;
    private int next;
    private float[] x4;
    private float[][] y4;
    private final Matrix[] one = new Matrix[1];
    double bytesPerCall;

    @Setup
    public void setUp() {
        QuantFormat f = QuantFormats.of(GGMLType.valueOf(type));
        int cols = Integer.parseInt(shape.substring(0, shape.indexOf('x')));
        int rows = Integer.parseInt(shape.substring(shape.indexOf('x') + 1));
        long bytes = f.rowBytes(cols) * rows;
        int n = (int) Math.max(2, (WORKING_SET + bytes - 1) / bytes);
        arena = Arena.ofShared();
        copies = new Matrix[n];
        for (int i = 0; i < n; i++) {
            MemorySegment seg = BenchData.rows(arena, f, rows, cols, i);
            copies[i] = new Matrix(f.type(), seg, rows, cols);
        }
        x = BenchData.activations(cols, 1);
        y = new float[rows];
        x4 = BenchData.activations(4 * cols, 1);
        y4 = new float[][] {new float[4 * rows]};
        bytesPerCall = bytes;
        ops = MatrixOps.create();
        System.out.println("# " + Simd.describe() + ", " + ops.pool().threads() + " threads, " + n + " copies of "
                + bytes + " bytes");
    }

    @TearDown
    public void tearDown() {
        ops.close();
        arena.close();
    }

    @Benchmark
    public float[] matVec(Traffic traffic) {
        Matrix w = copies[next];
        next = next + 1 == copies.length ? 0 : next + 1;
        ops.matVec(w, x, y);
        traffic.gigabytes += bytesPerCall * 1e-9;
        return y;
    }

    /**
     * A decode step of four sequences ({@link MatrixOps#matVecs}): the weights are read once for
     * the four. {@code gigabytes} counts the weights once per sequence, so it compares directly with
     * {@link #matVec}: four times its rate would be perfect sharing.
     */
    @Benchmark
    public float[][] matVecs4(Traffic traffic) {
        one[0] = copies[next];
        next = next + 1 == copies.length ? 0 : next + 1;
        ops.matVecs(one, x4, 4, y4);
        traffic.gigabytes += 4 * bytesPerCall * 1e-9;
        return y4;
    }
}
