package jollama.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How much memory bandwidth a streaming kernel keeps as it does more work per byte: every thread
 * reads its own buffer with one vector load and {@code ops} more integer vector operations per
 * vector loaded (at 512 bits, per cache line), the shape of a decode kernel (load the weights,
 * unpack, multiply). The {@code gigabytes} counter is the read rate of all threads.
 *
 * <p>A decode kernel's bandwidth is not the machine's alone. Where the hardware prefetchers
 * stream ahead, compute and memory overlap and the rate holds until the kernel is compute-bound;
 * where they do not (as on the KVM guests this project is developed on), the lines a core has in
 * flight are bounded by its reorder buffer, so the rate falls with the instructions per cache line
 * long before the kernel is compute-bound. Measured there with 2 threads: from memory 23.6, 18.7,
 * 15.5 and 8.7 GB/s at 0, 10, 20 and 40 operations per line, while the same loops on
 * cache-resident data run at 242, 99, 53 and 31 GB/s: at 40, memory and compute do not overlap at
 * all. The float Q4_K kernel spends some 40 instructions per line of weights, hence its 9 GB/s.
 *
 * <pre>java --add-modules jdk.incubator.vector -jar bench/target/jollama-bench.jar StreamWork -f 1 -wi 2 -i 3</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Threads(Threads.MAX)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.ADD_MODULES, ForkFlags.VECTOR_MODULE, ForkFlags.UNCHECKED_VECTOR_ACCESS})
public class StreamWorkBenchmark {

    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;

    /** Integer vector operations per vector loaded, beyond the load and its sum (a multiple of 5). */
    @Param({"0", "5", "10", "20", "40"})
    public int ops;

    /** MiB each thread reads: 256 streams from memory, 1 stays in its core's L2 (the compute-bound rate). */
    @Param({"256", "1"})
    public long mib;

    private Arena arena;
    private MemorySegment buffer;

    @Setup
    public void setUp() {
        arena = Arena.ofConfined();
        buffer = arena.allocate(mib << 20, 64);
        buffer.fill((byte) 1);
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public int stream(Traffic traffic) {
        int r = stream(buffer, ops);
        traffic.gigabytes += buffer.byteSize() / 1e9;
        return r;
    }

    /** Sums the segment, with {@code ops} more operations per vector on two independent chains. */
    private static int stream(MemorySegment s, int ops) {
        IntVector sum = IntVector.zero(I);
        IntVector a = IntVector.broadcast(I, 1);
        IntVector b = IntVector.broadcast(I, 2);
        IntVector mask = IntVector.broadcast(I, 0x0F0F0F0F);
        long step = I.vectorByteSize();
        for (long o = 0; o + step <= s.byteSize(); o += step) {
            IntVector v = IntVector.fromMemorySegment(I, s, o, ByteOrder.LITTLE_ENDIAN);
            sum = sum.add(v);
            for (int i = 0; i < ops; i += 5) { // unpack-like: mask, shift, combine
                a = a.lanewise(VectorOperators.XOR, v.and(mask)).add(mask);
                b = b.add(v.lanewise(VectorOperators.LSHR, 4));
            }
        }
        return sum.add(a).add(b).reduceLanes(VectorOperators.ADD);
    }
}
