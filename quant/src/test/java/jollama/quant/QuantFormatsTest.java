package jollama.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import java.util.stream.Stream;
import jollama.gguf.GGMLType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Registry, layouts and the encoders' round trips (scalar paths; bit-exactness is in models). */
class QuantFormatsTest {

    @Test
    void registryMapsEachTypeToItsFormat() {
        for (QuantFormat f : RandomRows.all()) {
            assertSame(f, QuantFormats.of(f.type()));
            assertEquals(f.type().name(), f.toString());
            assertEquals(f.type().typeSize(), f.rowBytes(f.blockSize()));
        }
        assertEquals(11, QuantFormats.supported().size());
    }

    @Test
    void unsupportedTypesAreNamed() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> QuantFormats.of(GGMLType.IQ2_XXS));
        assertTrue(e.getMessage().contains("IQ2_XXS"), e.getMessage());
        assertFalse(QuantFormats.isSupported(GGMLType.Q3_K));
    }

    @Test
    void rowsMustBeWholeBlocks() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(1024);
            assertThrows(IllegalArgumentException.class, () -> Q4_K.INSTANCE.dotScalar(seg, 0, new float[300], 0, 300));
            assertThrows(IllegalArgumentException.class, () -> Q8_0.INSTANCE.dot(seg, 0, new float[40], 0, 40));
        }
    }

    @Test
    void nearestIntRoundsHalfToEvenLikeGgml() {
        assertEquals(0, KQuants.nearestInt(0.5f));
        assertEquals(2, KQuants.nearestInt(1.5f));
        assertEquals(2, KQuants.nearestInt(2.5f));
        assertEquals(0, KQuants.nearestInt(-0.5f));
        assertEquals(-2, KQuants.nearestInt(-1.5f));
        assertEquals(-63, KQuants.nearestInt(-62.7f));
        Random r = new Random(1);
        for (int i = 0; i < 100_000; i++) {
            float f = (float) ((r.nextDouble() - 0.5) * 8_000_000);
            assertEquals((int) Math.rint(f), KQuants.nearestInt(f), "value " + f);
        }
    }

    @Test
    void roundfRoundsHalfAwayFromZeroLikeC() {
        assertEquals(1f, KQuants.roundf(0.5f));
        assertEquals(-1f, KQuants.roundf(-0.5f));
        assertEquals(3f, KQuants.roundf(2.5f));
        assertEquals(-3f, KQuants.roundf(-2.5f));
        assertEquals(0f, KQuants.roundf(0.49999997f));
        assertEquals(127f, KQuants.roundf(126.5f));
    }

    @Test
    void halfAndBfloatConversionsRoundLikeGgml() {
        assertEquals(0x3C00, Fp16.fromFloat(1.0f + 0x1p-11f)); // tie, to even
        assertEquals(0x3C02, Fp16.fromFloat(1.0f + 3 * 0x1p-11f)); // tie, to even (up)
        assertEquals(0x7C00, Fp16.fromFloat(70000f));
        assertEquals(0x0001, Fp16.fromFloat(0x1p-24f));
        assertEquals(0x7E00, Fp16.fromFloat(Float.intBitsToFloat(0x7F800001)));
        assertEquals((short) 0xFE00, Fp16.fromFloat(Float.intBitsToFloat(0xFFC12345)));
        assertEquals(0x3F80, Bf16.fromFloat(1.0f + 0x1p-8f)); // tie, to even
        assertEquals(0x3F82, Bf16.fromFloat(1.0f + 3 * 0x1p-8f));
        assertEquals((short) 0x7FC1, Bf16.fromFloat(Float.intBitsToFloat(0x7F81FFFF))); // NaN: truncated, quiet bit set
        assertEquals(0x7F80, Bf16.fromFloat(Float.POSITIVE_INFINITY));
        assertEquals(1.5f, Bf16.toFloat(Bf16.fromFloat(1.5f)));
    }

    @Test
    void q8BlockLayout() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(Q8_0.BLOCK_BYTES);
            seg.set(Layouts.I16, 0, Float.floatToFloat16(0.5f));
            for (int j = 0; j < 32; j++) {
                seg.set(Layouts.I8, 2 + j, (byte) (j - 16));
            }
            float[] out = new float[32];
            Q8_0.INSTANCE.dequantizeRow(seg, 0, out, 0, 32);
            for (int j = 0; j < 32; j++) {
                assertEquals((j - 16) * 0.5f, out[j]);
            }
        }
    }

    /** Worst-case reconstruction error relative to the block's largest |x|, per format. */
    static Stream<Arguments> roundTrips() {
        return Stream.of(Arguments.of(F32.INSTANCE, 0.0), Arguments.of(F16.INSTANCE, 1e-3),
                Arguments.of(BF16.INSTANCE, 8e-3), Arguments.of(Q8_0.INSTANCE, 0.01),
                Arguments.of(Q6_K.INSTANCE, 0.04), Arguments.of(Q5_K.INSTANCE, 0.08),
                Arguments.of(Q5_0.INSTANCE, 0.07), Arguments.of(Q5_1.INSTANCE, 0.04),
                Arguments.of(Q4_K.INSTANCE, 0.15), Arguments.of(Q4_0.INSTANCE, 0.13),
                Arguments.of(Q4_1.INSTANCE, 0.08));
    }

    @ParameterizedTest
    @MethodSource("roundTrips")
    void quantizeThenDequantizeReconstructs(QuantFormat f, double tolerance) {
        Random r = new Random(3);
        int n = 1024;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * 0.05 + (i < 256 ? 0.02 : 0)); // one superblock off-centre
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(f.rowBytes(n));
            f.quantizeRow(x, 0, seg, 0, n);
            float[] y = new float[n];
            RandomRows.dequantizeScalar(f, seg, 0, y, 0, n);
            int block = Math.max(32, f.blockSize());
            for (int b = 0; b < n / block; b++) {
                double amax = 0;
                for (int i = b * block; i < (b + 1) * block; i++) {
                    amax = Math.max(amax, Math.abs(x[i]));
                }
                for (int i = b * block; i < (b + 1) * block; i++) {
                    int ii = i;
                    assertTrue(Math.abs(x[i] - y[i]) <= tolerance * amax, () -> f + " element " + ii + ": " + x[ii]
                            + " -> " + y[ii]);
                }
            }
            // the scalar dot is consistent with the scalar dequantization
            float[] a = RandomRows.activations(r, n, 1);
            double expected = 0;
            for (int i = 0; i < n; i++) {
                expected += (double) y[i] * a[i];
            }
            assertEquals(expected, f.dotScalar(seg, 0, a, 0, n), 1e-5 * Math.abs(expected) + 1e-6, f.toString());
        }
    }

    @Test
    void zeroBlocksQuantizeToZero() {
        for (QuantFormat f : RandomRows.all()) {
            int n = 256;
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment seg = arena.allocate(f.rowBytes(n));
                f.quantizeRow(new float[n], 0, seg, 0, n);
                float[] y = new float[n];
                RandomRows.dequantizeScalar(f, seg, 0, y, 0, n);
                for (float v : y) {
                    assertEquals(0f, Math.abs(v), f.toString());
                }
            }
        }
    }
}
