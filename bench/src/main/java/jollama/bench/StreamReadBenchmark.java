package jollama.bench;

import jollama.quant.StreamRead;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

/**
 * One thread streaming 256 MiB (far past the caches): the read rate that {@code jollama bench}
 * reports as the decode ceiling, vector loads against the scalar twin. Scores are passes/s;
 * multiply by 0.268 GB for GB/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.ADD_MODULES, ForkFlags.VECTOR_MODULE, ForkFlags.UNCHECKED_VECTOR_ACCESS})
public class StreamReadBenchmark {

    private Arena arena;
    private MemorySegment buffer;

    @Setup
    public void setUp() {
        arena = Arena.ofConfined();
        buffer = arena.allocate(256L << 20, 64);
        buffer.fill((byte) 1);
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public long vector() {
        return StreamRead.sum(buffer);
    }

    @Benchmark
    public long scalar() {
        return StreamRead.sumScalar(buffer);
    }
}
