package jollama.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Without {@code --add-modules jdk.incubator.vector} every kernel runs scalar after exactly one
 * warning, and no vector class is ever touched: checked in a child JVM started without the module.
 */
class NoVectorModuleTest {

    /** The child's entry point: exercises every format's dot and dequantization. */
    public static void main(String[] args) {
        float[] x = new float[512];
        java.util.Arrays.fill(x, 0.5f);
        double total = 0;
        try (Arena arena = Arena.ofShared()) {
            for (QuantFormat f : RandomRows.all()) {
                MemorySegment seg = arena.allocate(f.rowBytes(512));
                f.quantizeRow(x, 0, seg, 0, 512);
                total += f.dot(seg, 0, x, 0, 512);
                f.dequantizeRow(seg, 0, new float[512], 0, 512);
            }
            try (MatrixOps ops = MatrixOps.create()) {
                MemorySegment seg = arena.allocate(Q4_K.INSTANCE.rowBytes(512) * 2);
                Q4_K.INSTANCE.quantizeRow(new float[1024], 0, seg, 0, 1024);
                ops.matMul(new Matrix(Q4_K.INSTANCE.type(), seg, 2, 512), new float[1024], 2, new float[4]);
            }
        }
        System.out.println("simd=" + Simd.describe() + " total=" + total);
    }

    @Test
    void fallsBackToScalarWithOneWarning() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path err = Files.createTempFile("novector", ".err");
        try {
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    NoVectorModuleTest.class.getName())
                    .redirectError(err.toFile())
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String stderr = Files.readString(err);
            assertEquals(0, p.exitValue(), stderr);
            assertTrue(out.contains("simd=scalar"), out);
            double total = Double.parseDouble(out.substring(out.indexOf("total=") + 6).trim());
            assertEquals(11 * 512 * 0.25, total, 11 * 512 * 0.25 * 0.01, out); // 0.5·0.5 per element
            List<String> warnings = stderr.lines().filter(l -> l.contains("jdk.incubator.vector")).toList();
            assertEquals(1, warnings.size(), stderr);
            assertTrue(!stderr.contains("NoClassDefFoundError") && !stderr.contains("Exception"), stderr);
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
