package jollama.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * matVec and matMul against a double-precision reference built from the scalar dequantization,
 * on pools of 1 and 3 workers, with shapes that leave partial chunks, row blocks, register tiles
 * and token blocks. Runs at each vector width (quant/pom.xml).
 */
@Tag("vector")
class MatrixOpsTest {

    private static final MatrixOps ONE = new MatrixOps(new ParallelPool(1));
    private static final MatrixOps THREE = new MatrixOps(new ParallelPool(3));

    @AfterAll
    static void close() {
        ONE.pool().close();
        THREE.pool().close();
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(Q4_K.INSTANCE, 37, 512),
                Arguments.of(Q6_K.INSTANCE, 41, 768),
                Arguments.of(Q5_K.INSTANCE, 70, 256),
                Arguments.of(Q8_0.INSTANCE, 700, 96),
                Arguments.of(Q4_0.INSTANCE, 333, 160),
                Arguments.of(Q4_1.INSTANCE, 300, 64),
                Arguments.of(Q5_0.INSTANCE, 301, 64),
                Arguments.of(Q5_1.INSTANCE, 7, 96), // small: runs on the caller, no dispatch
                Arguments.of(F32.INSTANCE, 230, 100),
                Arguments.of(F16.INSTANCE, 170, 130),
                Arguments.of(BF16.INSTANCE, 300, 64));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void matVecAndMatMulMatchReference(QuantFormat f, int rows, int cols) {
        Random r = new Random(rows * 31L + cols);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment data = arena.allocate(f.rowBytes(cols) * rows);
            RandomRows.fill(f, data, 0, rows, cols, r, -3, 0);
            Matrix w = new Matrix(f.type(), data, rows, cols);
            float[][] dq = new float[rows][cols];
            for (int i = 0; i < rows; i++) {
                RandomRows.dequantizeScalar(f, data, i * w.rowBytes(), dq[i], 0, cols);
            }
            for (int n : VectorKernelTest.emulated() ? new int[] {1, 5} : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 70}) {
                float[] x = RandomRows.activations(r, n * cols, 1);
                for (MatrixOps ops : new MatrixOps[] {ONE, THREE}) {
                    float[] y = new float[n * rows];
                    if (n == 1) {
                        ops.matVec(w, x, y);
                    } else {
                        ops.matMul(w, x, n, y);
                    }
                    for (int t = 0; t < n; t++) {
                        for (int i = 0; i < rows; i++) {
                            double exact = 0;
                            double abs = 0;
                            for (int k = 0; k < cols; k++) {
                                exact += (double) dq[i][k] * x[t * cols + k];
                                abs += Math.abs((double) dq[i][k] * x[t * cols + k]);
                            }
                            double got = y[t * rows + i];
                            double want = exact;
                            int tt = t;
                            int ii = i;
                            assertTrue(Math.abs(got - exact) <= 1e-5 * abs + Float.MIN_NORMAL, () -> f + " " + rows
                                    + "x" + cols + " n=" + n + " threads=" + ops.pool().threads() + " token " + tt
                                    + " row " + ii + ": " + got + " vs " + want);
                        }
                    }
                }
            }
        }
    }

    @Test
    void groupedMatVecEqualsSeparateProducts() {
        Random r = new Random(11);
        try (Arena arena = Arena.ofShared()) {
            QuantFormat[] formats = {Q4_K.INSTANCE, Q6_K.INSTANCE, Q8_0.INSTANCE};
            int[] rows = {300, 77, 130};
            int cols = 512;
            Matrix[] ws = new Matrix[3];
            float[][] ys = new float[3][];
            for (int i = 0; i < 3; i++) {
                MemorySegment data = arena.allocate(formats[i].rowBytes(cols) * rows[i]);
                RandomRows.fill(formats[i], data, 0, rows[i], cols, r, -3, 0);
                ws[i] = new Matrix(formats[i].type(), data, rows[i], cols);
                ys[i] = new float[rows[i]];
            }
            float[] x = RandomRows.activations(r, cols, 1);
            THREE.matVec(ws, x, ys);
            for (int i = 0; i < 3; i++) {
                assertTrue(matchesReference(ws[i], x, ys[i]), formats[i].toString());
            }
        }
    }

    @Test
    void concurrentCallersGetTheirOwnResults() throws InterruptedException {
        Random r = new Random(12);
        try (Arena arena = Arena.ofShared()) {
            int rows = 256;
            int cols = 512;
            MemorySegment data = arena.allocate(Q4_K.INSTANCE.rowBytes(cols) * rows);
            RandomRows.fill(Q4_K.INSTANCE, data, 0, rows, cols, r, -3, 0);
            Matrix w = new Matrix(Q4_K.INSTANCE.type(), data, rows, cols);
            float[][] xs = {RandomRows.activations(r, cols, 1), RandomRows.activations(r, cols, 1)};
            AtomicInteger wrong = new AtomicInteger();
            Thread[] threads = new Thread[2];
            for (int c = 0; c < 2; c++) {
                int cc = c;
                threads[c] = new Thread(() -> {
                    float[] y = new float[rows];
                    for (int i = 0; i < (VectorKernelTest.emulated() ? 5 : 200); i++) {
                        THREE.matVec(w, xs[cc], y);
                        if (!matchesReference(w, xs[cc], y)) {
                            wrong.incrementAndGet();
                        }
                    }
                });
                threads[c].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(0, wrong.get());
        }
    }

    /** y = W·x within 1e-5 of Σ|w·x| per row, against a double-precision reference. */
    private static boolean matchesReference(Matrix w, float[] x, float[] y) {
        float[] row = new float[w.cols()];
        for (int i = 0; i < w.rows(); i++) {
            RandomRows.dequantizeScalar(w.format(), w.data(), i * w.rowBytes(), row, 0, w.cols());
            double exact = 0;
            double abs = 0;
            for (int k = 0; k < w.cols(); k++) {
                exact += (double) row[k] * x[k];
                abs += Math.abs((double) row[k] * x[k]);
            }
            if (Math.abs(y[i] - exact) > 1e-5 * abs + Float.MIN_NORMAL) {
                return false;
            }
        }
        return true;
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void matVecHonoursOffsets(QuantFormat f, int rows, int cols) {
        Random r = new Random(5);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment data = arena.allocate(f.rowBytes(cols) * rows);
            RandomRows.fill(f, data, 0, rows, cols, r, -2, 0);
            Matrix w = new Matrix(f.type(), data, rows, cols);
            float[] x = RandomRows.activations(r, cols + 3, 1);
            float[] plain = new float[rows];
            float[] shifted = new float[rows + 4];
            float[] xs = new float[cols];
            System.arraycopy(x, 3, xs, 0, cols);
            THREE.matVec(w, xs, plain);
            THREE.matVec(w, x, 3, shifted, 4);
            assertTrue(matchesReference(w, xs, plain), f.toString());
            assertTrue(matchesReference(w, xs, java.util.Arrays.copyOfRange(shifted, 4, 4 + rows)), f.toString());
        }
    }

    /** A decode step of n sequences gives each one the bits of its own matVec, for every n. */
    @ParameterizedTest
    @MethodSource("shapes")
    void matVecsGiveEachRowTheBitsOfItsMatVec(QuantFormat f, int rows, int cols) {
        Random r = new Random(rows * 17L + cols);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment data = arena.allocate(f.rowBytes(cols) * rows);
            RandomRows.fill(f, data, 0, rows, cols, r, -3, 0);
            Matrix w = new Matrix(f.type(), data, rows, cols);
            for (int n : VectorKernelTest.emulated() ? new int[] {3} : new int[] {2, 3, 5, 9}) {
                float[] x = RandomRows.activations(r, n * cols, 1);
                for (MatrixOps ops : new MatrixOps[] {ONE, THREE}) {
                    float[] y = new float[n * rows];
                    ops.matVecs(new Matrix[] {w}, x, n, new float[][] {y});
                    for (int t = 0; t < n; t++) {
                        float[] alone = new float[rows];
                        ops.matVec(w, x, t * cols, alone, 0);
                        for (int i = 0; i < rows; i++) {
                            org.junit.jupiter.api.Assertions.assertEquals(alone[i], y[t * rows + i], 0f,
                                    f + " " + rows + "x" + cols + " n=" + n + " token " + t + " row " + i);
                            org.junit.jupiter.api.Assertions.assertEquals(f.dot(data, i * w.rowBytes(), x, t * cols, cols),
                                    alone[i], 0f, f + ": matVec must give the row's own dot, bit for bit");
                        }
                    }
                }
            }
        }
    }
}
