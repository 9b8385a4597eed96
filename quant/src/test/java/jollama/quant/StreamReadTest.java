package jollama.quant;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bandwidth probe's vector read sums exactly what the scalar twin sums, for any length. */
@Tag("vector")
class StreamReadTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 8, 24, 1000, 4096, 65_536 + 40, 1 << 20})
    void vectorAndScalarAgree(int bytes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(bytes + 3); // a ragged tail is ignored by both
            SplittableRandom random = new SplittableRandom(bytes);
            for (long i = 0; i < s.byteSize(); i++) {
                s.set(Layouts.I8, i, (byte) random.nextInt());
            }
            long expected = 0;
            for (long o = 0; o + 8 <= s.byteSize(); o += 8) {
                expected += s.get(Layouts.I64, o);
            }
            assertEquals(expected, StreamRead.sumScalar(s));
            assertEquals(expected, StreamRead.sum(s));
        }
    }
}
