package jollama.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import jollama.gguf.GGMLType;
import jollama.quant.Activations;
import jollama.quant.QuantFormat;
import jollama.quant.QuantFormats;
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
 * One thread, one cache-resident block of rows: the fused dot kernels' compute speed (the kernel
 * matrix products run, on prepared {@link Activations}), Vector API versus the scalar twin.
 * Scores are rows/s of {@value #COLS} weights; multiply by {@value #COLS} for weights/s (the Q4_K row is 2304 bytes, Q6_K 3360, Q8_0 4352).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.ADD_MODULES, ForkFlags.VECTOR_MODULE, ForkFlags.UNCHECKED_VECTOR_ACCESS})
public class DotBenchmark {

    static final int COLS = 4096;
    static final int ROWS = 64;

    @Param({"Q4_K", "Q5_K", "Q6_K", "Q8_0", "Q4_0", "F16", "BF16", "F32"})
    public String type;

    private Arena arena;
    private QuantFormat format;
    private MemorySegment rows;
    private long rowBytes;
    private float[] x;
    private final Activations input = new Activations();
    private int row;
    private final float[] scratch = new float[QuantFormat.SCRATCH_FLOATS];
    private final float[] y4 = new float[QuantFormat.DOT4_FLOATS];

    @Setup
    public void setUp() {
        format = QuantFormats.of(GGMLType.valueOf(type));
        arena = Arena.ofConfined();
        rows = BenchData.rows(arena, format, ROWS, COLS, 3);
        rowBytes = format.rowBytes(COLS);
        x = BenchData.activations(4 * COLS, 4);
        input.set(x, 0, 4, COLS);
        input.prepareFor(format);
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public float vector() {
        row = (row + 1) & (ROWS - 1);
        return format.dot(rows, row * rowBytes, input, 0, scratch);
    }

    /** One row against four activation rows (batched decode); compare with four calls of {@link #vector}. */
    @Benchmark
    public float[] vector4() {
        row = (row + 1) & (ROWS - 1);
        format.dot4(rows, row * rowBytes, input, 0, 1, 2, 3, y4);
        return y4;
    }

    @Benchmark
    public float scalar() {
        row = (row + 1) & (ROWS - 1);
        return format.dotScalar(rows, row * rowBytes, x, 0, COLS);
    }
}
