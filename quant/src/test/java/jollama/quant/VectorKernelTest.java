package jollama.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Vector API kernels against their scalar twins, on random rows of every format. quant/pom.xml
 * runs this class three times, in forks with {@code -Djollama.vector.bits=128, 256, 512}.
 * Dot products may differ by rounding only: |vector − scalar| ≤ 1e-5 · Σ|w·x| (the scalar twin
 * accumulates in double, so this bounds the kernel's float error). Vector dequantization must
 * be bit-identical to the scalar one.
 */
@Tag("vector")
class VectorKernelTest {

    /**
     * True when the requested width exceeds the CPU's (512 on an AVX2 machine, 256 or 512 on
     * NEON): the Vector API then emulates in Java, correct but ~100x slower, so tests shrink.
     */
    static boolean emulated() {
        return Simd.bits() > jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }

    static Stream<QuantFormat> formats() {
        return Stream.of(RandomRows.all());
    }

    @Test
    void runsAtTheRequestedWidth() {
        assertTrue(Simd.ENABLED, "these tests need --add-modules jdk.incubator.vector");
        String requested = System.getProperty("jollama.vector.bits");
        if (requested != null && !requested.isEmpty()) {
            assertEquals(Integer.parseInt(requested), Simd.bits());
        }
    }

    @ParameterizedTest
    @MethodSource("formats")
    void dotMatchesScalarTwin(QuantFormat f) {
        Random r = new Random(42 + f.type().id());
        int bs = f.blockSize();
        int[] sizes = bs == 1 ? new int[] {1, 3, 15, 16, 17, 31, 33, 64, 100, 257, 1000, 2560}
                : new int[] {1, 2, 3, 5, 8, 13, 40};
        if (emulated()) {
            sizes = bs == 1 ? new int[] {3, 17, 100} : new int[] {1, 3};
        }
        double[][] scaleRanges = {{-3, 0}, {-7, -5}, {2, 4.8}}; // ordinary, tiny (fp16 subnormal), huge
        try (Arena arena = Arena.ofConfined()) {
            for (int size : sizes) {
                int n = bs == 1 ? size : size * bs;
                for (double[] range : scaleRanges) {
                    for (double xScale : new double[] {1, 1e-3, 1e3}) {
                        long pad = f.rowBytes(bs) * 3 + 5; // rows need not start at 0 or be aligned
                        MemorySegment seg = arena.allocate(pad + f.rowBytes(n));
                        RandomRows.fill(f, seg, pad, 1, n, r, range[0], range[1]);
                        int xOffset = 7;
                        float[] x = new float[xOffset + n];
                        System.arraycopy(RandomRows.activations(r, n, xScale), 0, x, xOffset, n);
                        float vector = f.dot(seg, pad, x, xOffset, n);
                        float scalar = f.dotScalar(seg, pad, x, xOffset, n);
                        double bound = 1e-5 * RandomRows.absDot(f, seg, pad, x, xOffset, n) + Float.MIN_NORMAL;
                        assertTrue(Math.abs(vector - scalar) <= bound, () -> f + " n=" + n + " scales 1e"
                                + range[0] + "..1e" + range[1] + " x·" + xScale + ": vector " + vector
                                + " scalar " + scalar + " bound " + bound);
                    }
                }
            }
        }
    }

    @Test
    void weightedSumOfHalvesMatchesScalarLoop() {
        Random r = new Random(12);
        int stride = 300;
        for (int dims : new int[] {5, 64, 128, 131, 200}) {
            for (int n : new int[] {1, 2, 17, 100}) {
                float[] w = new float[n];
                for (int t = 0; t < n; t++) {
                    w[t] = r.nextFloat(); // softmax weights
                }
                short[] v = randomHalves(r, n * stride + 9);
                float[] out = new float[dims + 3];
                float[] expected = new float[dims + 3];
                FloatMath.weightedSumHalves(w, n, v, 9, stride, dims, out, 3);
                FloatMath.weightedSumHalvesScalar(w, n, v, 9, stride, 0, dims, expected, 3);
                for (int d = 0; d < dims + 3; d++) {
                    double bound = 0;
                    for (int t = 0; d >= 3 && t < n; t++) {
                        bound += Math.abs((double) w[t] * Float.float16ToFloat(v[9 + t * stride + d - 3]));
                    }
                    assertEquals(expected[d], out[d], 1e-5 * bound + 1e-30, dims + " dims, " + n + " positions, d=" + d);
                }
            }
        }
    }

    /** Random finite halves: normal ones of either sign, some subnormal, some ±0 and ±max. */
    private static short[] randomHalves(Random r, int n) {
        short[] h = new short[n];
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(10);
            int bits = switch (kind) {
                case 0 -> r.nextInt(0x400); // subnormal or zero
                case 1 -> 0x7BFF; // the largest finite half
                default -> r.nextInt(0x7C00); // any finite magnitude
            };
            h[i] = (short) (r.nextBoolean() ? bits | 0x8000 : bits);
        }
        return h;
    }

    private static float[] widen(short[] h) {
        float[] f = new float[h.length];
        for (int i = 0; i < h.length; i++) {
            f[i] = Float.float16ToFloat(h[i]);
        }
        return f;
    }

    @Test
    void dotOfHalvesMatchesDoublePrecision() {
        Random r = new Random(21);
        for (int n : new int[] {0, 1, 7, 15, 16, 17, 33, 128, 131, 1000}) {
            float[] a = RandomRows.activations(r, n + 3, 1);
            short[] h = randomHalves(r, n + 5);
            double exact = 0;
            double bound = 0;
            for (int i = 0; i < n; i++) {
                double p = (double) a[3 + i] * Float.float16ToFloat(h[5 + i]);
                exact += p;
                bound += Math.abs(p);
            }
            assertEquals(exact, FloatMath.dotHalves(a, 3, h, 5, n), 1e-5 * bound + 1e-30, n + " elements");
        }
    }

    @Test
    void halvesAreReadExactly() {
        // one weight of 1 picks one position: every finite half, normal and subnormal, of either
        // sign must come out as the float it stands for (the 2^112 trick is exact or it is wrong)
        short[] v = new short[16];
        float[] w = {1f};
        float[] out = new float[16];
        float[] one = new float[16];
        for (int bits = 0; bits < 0x10000; bits++) {
            if ((bits & 0x7C00) == 0x7C00) {
                continue; // infinities and NaNs never reach the cache
            }
            java.util.Arrays.fill(v, (short) bits);
            FloatMath.weightedSumHalves(w, 1, v, 0, 16, 16, out, 0);
            float expected = Float.float16ToFloat((short) bits) + 0f; // sums start at +0: -0 reads as +0
            assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(out[0]), "half 0x" + Integer.toHexString(bits));
            java.util.Arrays.fill(one, 0f);
            one[0] = 1f;
            assertEquals(Float.floatToRawIntBits(expected),
                    Float.floatToRawIntBits(FloatMath.dotHalves(one, 0, v, 0, 16)), "half 0x" + Integer.toHexString(bits));
        }
    }

    @Test
    void toHalvesRoundsToNearestEvenAndClampsToTheHalfRange() {
        float[] f = {1f, 1f + 0x1p-11f, 1f + 0x1p-11f + 0x1p-20f, -3.5e-6f, 65504f, 65520f, 1e9f, -1e9f, 0f, -0f};
        short[] h = new short[f.length];
        FloatMath.toHalves(f, 0, h, 0, f.length);
        assertEquals(0x3C00, h[0] & 0xFFFF);
        assertEquals(0x3C00, h[1] & 0xFFFF, "a tie rounds to even");
        assertEquals(0x3C01, h[2] & 0xFFFF, "past the tie rounds up");
        assertEquals(-3.5e-6f, Float.float16ToFloat(h[3]), 0x1p-24f, "a subnormal half");
        for (int i = 4; i <= 6; i++) {
            assertEquals(0x7BFF, h[i] & 0xFFFF, f[i] + " is clamped to the largest half, not infinity");
        }
        assertEquals(0xFBFF, h[7] & 0xFFFF);
        assertEquals(0x0000, h[8] & 0xFFFF);
        assertEquals(0x8000, h[9] & 0xFFFF);
    }

    @Test
    void expAndSumIsWithinTwoUlpOfMathExp() {
        Random r = new Random(5);
        for (int n : new int[] {1, 7, 16, 33, 1000}) {
            float[] s = new float[n];
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                s[i] = (float) (r.nextGaussian() * 30);
                max = Math.max(max, s[i]);
            }
            s[0] = -1e30f; // a masked-out score: weight zero
            float[] v = s.clone();
            float sum = FloatMath.expAndSum(v, n, max);
            double exactSum = 0;
            for (int i = 0; i < n; i++) {
                double exact = Math.exp(s[i] - max); // of the float difference, as the kernel sees it
                exactSum += exact;
                assertEquals(exact, v[i], 2 * Math.ulp((float) exact) + 1e-37, "e^" + (s[i] - max));
            }
            assertEquals(exactSum, sum, 1e-5 * exactSum, "sum of " + n);
        }
    }

    /** dot4 of every format (the K-quant and Q8_0 kernels, the default for the rest) against four scalar dots. */
    @ParameterizedTest
    @MethodSource("formats")
    void dot4MatchesScalarTwin(QuantFormat f) {
        Random r = new Random(4242 + f.type().id());
        int bs = f.blockSize();
        int[] sizes = emulated() ? new int[] {1} : bs == 1 ? new int[] {16, 64, 1024} : new int[] {1, 3, 8, 10};
        try (Arena arena = Arena.ofConfined()) {
            for (int size : sizes) {
                int n = bs == 1 ? size : size * bs;
                long pad = f.rowBytes(bs) + 3;
                MemorySegment seg = arena.allocate(pad + f.rowBytes(n));
                RandomRows.fill(f, seg, pad, 1, n, r, -3, 0);
                float[] x = RandomRows.activations(r, 5 + 3 * n, 1);
                Activations input = new Activations();
                input.set(x, 5, 3, n);
                input.prepareFor(f);
                int[] rows = {0, 2, 1, 2}; // the last repeats one, as padding does
                float[] y = new float[QuantFormat.DOT4_FLOATS];
                f.dot4(seg, pad, input, rows[0], rows[1], rows[2], rows[3], y);
                for (int i = 0; i < 4; i++) {
                    int xOffset = 5 + rows[i] * n;
                    assertEquals(f.dot(seg, pad, input, rows[i], new float[QuantFormat.SCRATCH_FLOATS]), y[i], 0f,
                            f + ": dot4 must give dot's bits");
                    assertEquals(f.dot(seg, pad, x, xOffset, n), y[i], 0f, f + ": the float[] dot must give the same bits");
                    float scalar = f.dotScalar(seg, pad, x, xOffset, n);
                    double bound = 1e-5 * RandomRows.absDot(f, seg, pad, x, xOffset, n) + Float.MIN_NORMAL;
                    int token = i;
                    assertTrue(Math.abs(y[i] - scalar) <= bound, () -> f + " n=" + n + " token " + token + ": dot4 "
                            + y[token] + " scalar " + scalar + " bound " + bound);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("formats")
    void dequantizeMatchesScalarTwinExactly(QuantFormat f) {
        Random r = new Random(7 + f.type().id());
        int n = f.blockSize() == 1 ? 1003 : 9 * f.blockSize();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(f.rowBytes(n) + 3);
            RandomRows.fill(f, seg, 3, 1, n, r, -4, 2);
            float[] expected = new float[n + 2];
            float[] actual = new float[n + 2];
            RandomRows.dequantizeScalar(f, seg, 3, expected, 2, n);
            f.dequantizeRow(seg, 3, actual, 2, n);
            assertArrayEquals(expected, actual, f.toString());
        }
    }

    @Test
    void f16KernelsHandleSpecialValues() {
        short[] halves = {0x0000, (short) 0x8000, 0x0001, (short) 0x8001, 0x03FF, 0x0400, 0x3C00, (short) 0xBC00,
                0x7BFF, (short) 0xFBFF, 0x7C00, (short) 0xFC00, 0x7E00, 0x3555, 0x1234, 0x0200};
        int n = 64;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(2L * n);
            for (int i = 0; i < n; i++) {
                seg.set(Layouts.I16, 2L * i, halves[i % halves.length]);
            }
            float[] expected = new float[n];
            float[] actual = new float[n];
            F16.dequantizeRowScalar(seg, 0, expected, 0, n);
            F16.INSTANCE.dequantizeRow(seg, 0, actual, 0, n);
            for (int i = 0; i < n; i++) {
                assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]), "element " + i);
            }
        }
    }

    @Test
    void floatMathMatchesScalarLoops() {
        Random r = new Random(7);
        for (int n : new int[] {0, 1, 7, 15, 16, 17, 33, 64, 128, 131, 1000}) {
            float[] a = new float[n + 5];
            float[] b = new float[n + 3];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) r.nextGaussian();
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) r.nextGaussian();
            }
            double bound = 0;
            double exact = 0;
            for (int i = 0; i < n; i++) {
                exact += (double) a[5 + i] * b[3 + i];
                bound += Math.abs((double) a[5 + i] * b[3 + i]);
            }

            float[] y = b.clone();
            float[] expected = b.clone();
            FloatMath.axpyScalar(0.75f, a, 5, expected, 3, n);
            FloatMath.axpy(0.75f, a, 5, y, 3, n);
            for (int i = 0; i < y.length; i++) { // a fused multiply-add skips the product's rounding, nothing else
                float product = i >= 3 && i < 3 + n ? 0.75f * a[5 + i - 3] : 0f;
                assertEquals(expected[i], y[i], Math.ulp(product) + Math.ulp(expected[i]), "axpy of " + n + " at " + i);
            }

            float[] w = new float[n];
            for (int i = 0; i < n; i++) {
                w[i] = (float) r.nextGaussian();
            }
            float[] out = new float[n + 2];
            float[] outScalar = new float[n + 2];
            FloatMath.scaleByWeight(a, 5, 1.25f, w, out, 2, n);
            FloatMath.scaleByWeightScalar(a, 5, 1.25f, w, outScalar, 2, n);
            assertArrayEquals(outScalar, out, "scaleByWeight of " + n);

        }
    }
}
