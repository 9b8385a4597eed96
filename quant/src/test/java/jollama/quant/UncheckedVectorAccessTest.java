package jollama.quant;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The launcher runs the kernels with the Vector API's per-load bounds checks off
 * ({@code -Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0}); this suite runs in a JVM started
 * the same way (quant/pom.xml, execution "vector-unchecked"). There a kernel reading past its row
 * would return garbage rather than throw, so every case here fails unless the public entry point
 * checks the range itself before any vector load.
 */
@Tag("unchecked")
class UncheckedVectorAccessTest {

    private static final int COLS = 512;

    static Stream<QuantFormat> formats() {
        return Stream.of(F32.INSTANCE, F16.INSTANCE, BF16.INSTANCE, Q8_0.INSTANCE, Q4_0.INSTANCE, Q4_1.INSTANCE,
                Q5_0.INSTANCE, Q5_1.INSTANCE, Q4_K.INSTANCE, Q5_K.INSTANCE, Q6_K.INSTANCE);
    }

    @Test
    void runsWithTheLaunchersFlags() {
        assertTrue(Simd.ENABLED, "the Vector API module must be present");
        assertTrue("0".equals(System.getProperty("jdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK")),
                "this suite must run with the Vector API's bounds checks off");
    }

    @ParameterizedTest
    @MethodSource("formats")
    void rowsAndActivationsOutsideTheirArraysAreRefused(QuantFormat f) {
        try (Arena arena = Arena.ofConfined()) {
            long rowBytes = f.rowBytes(COLS);
            MemorySegment two = arena.allocate(2 * rowBytes); // two rows, zeros
            float[] x = new float[COLS];
            float[] y = new float[QuantFormat.DOT4_FLOATS];
            assertDoesNotThrow(() -> f.dot(two, rowBytes, x, 0, COLS));

            // the row: one byte past the segment, or a negative offset
            assertThrows(IndexOutOfBoundsException.class, () -> f.dot(two, rowBytes + 1, x, 0, COLS));
            assertThrows(IndexOutOfBoundsException.class, () -> f.dot(two, -rowBytes, x, 0, COLS));
            assertThrows(IndexOutOfBoundsException.class,
                    () -> f.dequantizeRow(two, 2 * rowBytes, new float[COLS], 0, COLS));
            // the activations: one float short, or a negative offset
            assertThrows(IndexOutOfBoundsException.class, () -> f.dot(two, 0, x, 1, COLS));
            assertThrows(IndexOutOfBoundsException.class, () -> f.dot(two, 0, x, -f.blockSize(), COLS));
            // prepared activations: a row they do not have, a scratch or result array too small, a
            // weight row outside the segment
            Activations one = Activations.of(x, 0, COLS);
            one.prepareFor(f);
            float[] scratch = new float[QuantFormat.SCRATCH_FLOATS];
            assertDoesNotThrow(() -> f.dot(two, rowBytes, one, 0, scratch));
            assertThrows(IndexOutOfBoundsException.class, () -> f.dot(two, 0, one, 1, scratch));
            assertThrows(IndexOutOfBoundsException.class, () -> f.dot(two, 0, one, 0, new float[1]));
            assertThrows(IndexOutOfBoundsException.class, () -> f.dot(two, rowBytes + 1, one, 0, scratch));
            assertThrows(IndexOutOfBoundsException.class, () -> f.dot4(two, 0, one, 0, 0, 0, 1, y));
            assertThrows(IndexOutOfBoundsException.class, () -> f.dot4(two, 0, one, 0, 0, 0, 0, new float[4]));
            assertThrows(IndexOutOfBoundsException.class, () -> f.dot4(two, rowBytes + 1, one, 0, 0, 0, 0, y));
            // the destination of a decoded row
            assertThrows(IndexOutOfBoundsException.class,
                    () -> f.dequantizeRow(two, 0, new float[COLS], 1, COLS));
        }
    }

    @Test
    void floatKernelsRefuseRangesOutsideTheirArrays() {
        float[] a = new float[64];
        float[] b = new float[64];
        assertThrows(IndexOutOfBoundsException.class, () -> FloatMath.axpy(1f, a, 0, b, 16, 64));
        assertThrows(IndexOutOfBoundsException.class, () -> FloatMath.add(a, 0, b, 16, 64));
        assertThrows(IndexOutOfBoundsException.class,
                () -> FloatMath.scaleByWeight(a, 0, 1f, new float[32], b, 0, 64));
        assertThrows(IndexOutOfBoundsException.class, () -> FloatMath.expAndSum(a, 65, 0f));
        short[] h = new short[64];
        float[] out = new float[16];
        // 4 positions of 16 values with stride 16 need 64 halves: from offset 1 they overrun
        assertThrows(IndexOutOfBoundsException.class, () -> FloatMath.dotHalves(a, 0, h, 1, 64));
        assertThrows(IndexOutOfBoundsException.class, () -> FloatMath.dotHalves(a, 1, h, 0, 64));
        assertDoesNotThrow(() -> FloatMath.weightedSumHalves(a, 4, h, 0, 16, 16, out, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> FloatMath.weightedSumHalves(a, 4, h, 1, 16, 16, out, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> FloatMath.weightedSumHalves(a, 4, h, 0, 16, 16, out, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> FloatMath.weightedSumHalves(a, 65, h, 0, 0, 16, out, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> FloatMath.toHalves(a, 1, h, 0, 64));
        assertThrows(IndexOutOfBoundsException.class, () -> FloatMath.toHalves(a, 0, h, 1, 64));
    }
}
