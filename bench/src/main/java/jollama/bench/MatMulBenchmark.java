package jollama.bench;

import java.lang.foreign.Arena;
import java.util.concurrent.TimeUnit;
import jollama.gguf.GGMLType;
import jollama.quant.Matrix;
import jollama.quant.MatrixOps;
import jollama.quant.QuantFormat;
import jollama.quant.QuantFormats;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * Prompt-shaped Y = X·Wᵀ for 128 tokens on all cores (Qwen3-4B gate/up shape, 9728 × 2560);
 * the {@code gflops} counter is the rate of 2·rows·cols·tokens floating-point operations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.ADD_MODULES, ForkFlags.VECTOR_MODULE, ForkFlags.UNCHECKED_VECTOR_ACCESS})
public class MatMulBenchmark {

    static final int ROWS = 9728;
    static final int COLS = 2560;

    @Param({"Q4_K", "Q8_0"})
    public String type;

    @Param({"128"})
    public int tokens;

    private Arena arena;
    private MatrixOps ops;
    private Matrix w;
    private float[] x;
    private float[] y;

    @Setup
    public void setUp() {
        QuantFormat f = QuantFormats.of(GGMLType.valueOf(type));
        arena = Arena.ofShared();
        w = new Matrix(f.type(), BenchData.rows(arena, f, ROWS, COLS, 1), ROWS, COLS);
        x = BenchData.activations(tokens * COLS, 2);
        y = new float[tokens * ROWS];
        ops = MatrixOps.create();
    }

    @TearDown
    public void tearDown() {
        ops.close();
        arena.close();
    }

    /** Floating-point work, as a rate (GFLOP/s). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Work {
        public double gflops;

        @Setup(Level.Iteration)
        public void reset() {
            gflops = 0;
        }
    }

    @Benchmark
    public float[] matMul(Work work) {
        ops.matMul(w, x, tokens, y);
        work.gflops += 2e-9 * ROWS * COLS * tokens;
        return y;
    }
}
