package jollama.gguf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A failed write leaves no partial target and no temporary file; declaration errors are caught early. */
class GGUFWriterFailureTest {

    @TempDir
    Path dir;

    private static GGUFWriter twoTensors() {
        GGUFWriter writer = new GGUFWriter(GGUFMetadata.builder().putString("general.name", "x").build());
        writer.addTensor("a", GGMLType.F32, 16);
        writer.addTensor("b", GGMLType.F32, 16);
        return writer;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void failingSourceLeavesNoTarget() throws IOException {
        Path target = dir.resolve("model.gguf");
        IOException e = assertThrows(IOException.class, () -> twoTensors().write(target, (t, dst) -> {
            if (t.name().equals("b")) {
                throw new IOException("source broke");
            }
        }));
        assertEquals("source broke", e.getMessage());
        assertFalse(Files.exists(target));
        assertEquals(List.of(), files());
    }

    @Test
    void failingSourceKeepsThePreviousTarget() throws IOException {
        Path target = dir.resolve("model.gguf");
        byte[] previous = {1, 2, 3};
        Files.write(target, previous);
        assertThrows(IllegalStateException.class, () -> twoTensors().write(target, (t, dst) -> {
            throw new IllegalStateException("boom");
        }));
        assertArrayEquals(previous, Files.readAllBytes(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void successfulWriteReplacesTheTarget() throws IOException {
        Path target = dir.resolve("model.gguf");
        Files.write(target, new byte[] {1, 2, 3});
        twoTensors().write(target, (t, dst) -> { });
        try (GGUFFile gguf = GGUFFile.open(target)) {
            assertEquals(List.of("a", "b"), gguf.tensorNames());
        }
        assertEquals(List.of(target), files());
    }

    @Test
    void badDeclarationsAreRejected() {
        GGUFWriter writer = twoTensors();
        assertThrows(IllegalArgumentException.class, () -> writer.addTensor("a", GGMLType.F32, 4));
        assertThrows(IllegalArgumentException.class, () -> writer.addTensor("q", GGMLType.Q4_K, 100));
        assertThrows(IllegalArgumentException.class, () -> writer.addTensor("5d", GGMLType.F32, 1, 1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> writer.addTensor("none", GGMLType.F32));
        assertThrows(IllegalArgumentException.class, () -> writer.addTensor("x".repeat(64), GGMLType.F32, 1));
        assertThrows(IllegalArgumentException.class,
                () -> writer.addTensor("huge", GGMLType.F32, 1L << 40, 1L << 40));
        assertThrows(IllegalArgumentException.class,
                () -> new GGUFWriter(GGUFMetadata.builder().putU32("general.alignment", 24).build()));
        assertThrows(IllegalArgumentException.class,
                () -> new GGUFWriter(GGUFMetadata.builder().putI32("general.alignment", 32).build()));
    }
}
