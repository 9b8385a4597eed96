package jollama.gguf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Write with GGUFWriter, read with GGUFFile: everything comes back identical and aligned. */
class GGUFRoundTripTest {

    @TempDir
    Path dir;

    /** One key per value type, every array element type, nested and empty arrays, odd strings. */
    static GGUFMetadata everyValueType(int alignment) {
        GGUFMetadata.Builder b = GGUFMetadata.builder()
                .putString("general.architecture", "test")
                .putU32("general.alignment", alignment)
                .put("u8", new GGUFValue.UInt8((byte) 0xFE))
                .put("i8", new GGUFValue.Int8((byte) -5))
                .put("u16", new GGUFValue.UInt16((short) 0xFFFE))
                .put("i16", new GGUFValue.Int16((short) -300))
                .putU32("u32", 0xFFFF_FFFEL)
                .putI32("i32", Integer.MIN_VALUE)
                .put("u64", new GGUFValue.UInt64(-2L))
                .putI64("i64", Long.MIN_VALUE + 7)
                .putF32("f32", 1e-6f)
                .putF64("f64", Math.PI)
                .put("f32.nan", new GGUFValue.Float32(Float.intBitsToFloat(0x7FC00001)))
                .putBool("bool.true", true)
                .putBool("bool.false", false)
                .putString("str.empty", "")
                .putString("str.unicode", "Ġhello 世界 🦙\n\u0000end")
                .put("a.u8", new GGUFValue.UInt8Array(new byte[] {0, 1, (byte) 255}))
                .put("a.i8", new GGUFValue.Int8Array(new byte[] {-128, 0, 127}))
                .put("a.u16", new GGUFValue.UInt16Array(new short[] {0, (short) 65535}))
                .put("a.i16", new GGUFValue.Int16Array(new short[] {-32768, 32767}))
                .put("a.u32", new GGUFValue.UInt32Array(new int[] {0, -1, 151643}))
                .putI32Array("a.i32", new int[] {1, 3, 4, 5, -1})
                .put("a.u64", new GGUFValue.UInt64Array(new long[] {0, -1L}))
                .put("a.i64", new GGUFValue.Int64Array(new long[] {Long.MIN_VALUE, Long.MAX_VALUE}))
                .putF32Array("a.f32", new float[] {0f, -0f, Float.POSITIVE_INFINITY, 1.5f})
                .put("a.f64", new GGUFValue.Float64Array(new double[] {Double.MIN_VALUE, -2.5}))
                .put("a.bool", new GGUFValue.BoolArray(new boolean[] {true, false, true}))
                .putStringArray("a.str", List.of("a", "", "Ġ Ġ", "<|im_start|>"))
                .putStringArray("a.str.empty", List.of())
                .put("a.nested", new GGUFValue.NestedArray(List.of(
                        new GGUFValue.Int32Array(new int[] {1, 2}),
                        new GGUFValue.StringArray(List.of("x", "yz")),
                        new GGUFValue.NestedArray(List.of(new GGUFValue.Float32Array(new float[] {7f}))),
                        new GGUFValue.BoolArray(new boolean[0]))));
        return b.build();
    }

    /** Deterministic bytes for tensor {@code name}. */
    static void fillBytes(GGUFTensorInfo tensor, MemorySegment dst) {
        Random random = new Random(tensor.name().hashCode());
        for (long i = 0; i < dst.byteSize(); i++) {
            dst.set(ValueLayout.JAVA_BYTE, i, (byte) random.nextInt());
        }
    }

    static byte[] expectedBytes(GGUFTensorInfo tensor) {
        MemorySegment seg = MemorySegment.ofArray(new byte[(int) tensor.byteSize()]);
        fillBytes(tensor, seg);
        return seg.toArray(ValueLayout.JAVA_BYTE);
    }

    @Test
    void metadataAndTensorsSurviveWithDefaultAlignment() throws IOException {
        roundTrip(32);
    }

    @Test
    void metadataAndTensorsSurviveWithWiderAlignment() throws IOException {
        roundTrip(256);
    }

    private void roundTrip(int alignment) throws IOException {
        GGUFMetadata metadata = everyValueType(alignment);
        GGUFWriter writer = new GGUFWriter(metadata);
        writer.addTensor("f32.matrix", GGMLType.F32, 5, 3);
        writer.addTensor("f16.odd", GGMLType.F16, 3); // 6 bytes: the next tensor needs padding
        writer.addTensor("q8_0", GGMLType.Q8_0, 64, 2);
        writer.addTensor("q4_k.3d", GGMLType.Q4_K, 256, 1, 2);
        writer.addTensor("q6_k.4d", GGMLType.Q6_K, 256, 2, 1, 3);
        writer.addTensor("i32", GGMLType.I32, 7);
        List<String> order = new ArrayList<>();
        Path file = dir.resolve("model.gguf");
        writer.write(file, (tensor, dst) -> {
            order.add(tensor.name());
            assertEquals(tensor.byteSize(), dst.byteSize(), tensor.name());
            fillBytes(tensor, dst);
        });
        assertEquals(List.of("f32.matrix", "f16.odd", "q8_0", "q4_k.3d", "q6_k.4d", "i32"), order);

        try (GGUFFile gguf = GGUFFile.open(file)) {
            assertEquals(3, gguf.version());
            assertEquals(metadata, gguf.metadata());
            assertEquals(metadata.keys(), gguf.metadata().keys());
            for (String key : metadata.keys()) {
                assertEquals(metadata.get(key), gguf.metadata().get(key), key);
            }
            assertEquals(alignment, gguf.alignment());
            assertEquals(0, gguf.tensorDataOffset() % alignment);
            assertEquals(writer.tensors(), gguf.tensorInfos());
            assertEquals(order, gguf.tensorNames());
            long expectedOffset = 0;
            for (GGUFTensorInfo info : gguf.tensorInfos()) {
                assertEquals(expectedOffset, info.offset(), info.name());
                assertEquals(0, (gguf.tensorDataOffset() + info.offset()) % alignment, info.name());
                expectedOffset += (info.byteSize() + alignment - 1) / alignment * alignment;
                GGUFTensor tensor = gguf.tensor(info.name());
                assertArrayEquals(info.shape(), tensor.shape());
                assertEquals(info.type(), tensor.type());
                assertArrayEquals(expectedBytes(info), tensor.data().toArray(ValueLayout.JAVA_BYTE), info.name());
            }
            assertEquals(gguf.tensorDataOffset() + expectedOffset, Files.size(file));
        }
    }

    @Test
    void shapeHelpersFollowGgmlConventions() throws IOException {
        GGUFWriter writer = new GGUFWriter(GGUFMetadata.builder().build());
        writer.addTensor("m", GGMLType.Q4_K, 512, 3, 2);
        Path file = dir.resolve("shape.gguf");
        writer.write(file, (t, dst) -> { });
        try (GGUFFile gguf = GGUFFile.open(file)) {
            GGUFTensor t = gguf.tensor("m");
            assertEquals(512, t.cols());
            assertEquals(6, t.rows());
            assertEquals(3072, t.elementCount());
            assertEquals(2 * 144, t.rowBytes());
            assertEquals(6 * 2 * 144, t.byteSize());
            assertEquals(3, t.rank());
            assertEquals(32, gguf.alignment()); // no general.alignment key: the default
        }
    }

    @Test
    void writerFollowsTheSpecByteForByte() throws IOException {
        GGUFWriter writer = new GGUFWriter(GGUFMetadata.builder()
                .putString("general.architecture", "llama")
                .putStringArray("tokens", List.of("a", "bc"))
                .build());
        writer.addTensor("w", GGMLType.F32, 2, 1);
        Path file = dir.resolve("spec.gguf");
        writer.write(file, (t, dst) -> {
            dst.set(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0, 1.0f);
            dst.set(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 4, -2.0f);
        });
        byte[] expected = RawGGUF.header(3, 1, 2)
                .key("general.architecture", GGUFValueType.STRING).str("llama")
                .key("tokens", GGUFValueType.ARRAY).u32(GGUFValueType.STRING.id()).u64(2).str("a").str("bc")
                .tensor("w", GGMLType.F32.id(), 0, 2, 1)
                .pad(32)
                .f32(1.0f).f32(-2.0f)
                .pad(32)
                .toBytes();
        assertArrayEquals(expected, Files.readAllBytes(file));
    }

    @Test
    void closeReleasesTheMapping() throws IOException {
        GGUFWriter writer = new GGUFWriter(GGUFMetadata.builder().build());
        writer.addTensor("t", GGMLType.F32, 8);
        Path file = dir.resolve("close.gguf");
        writer.write(file, GGUFRoundTripTest::fillBytes);
        GGUFFile gguf = GGUFFile.open(file);
        MemorySegment data = gguf.tensor("t").data();
        assertEquals(32, data.byteSize());
        gguf.close();
        gguf.close(); // idempotent
        assertThrows(IllegalStateException.class,
                () -> data.get(ValueLayout.JAVA_BYTE, 0));
    }

    @Test
    void tensorDataIsReadOnlyView() throws IOException {
        GGUFWriter writer = new GGUFWriter(GGUFMetadata.builder().build());
        writer.addTensor("t", GGMLType.F32, 8);
        Path file = dir.resolve("ro.gguf");
        writer.write(file, GGUFRoundTripTest::fillBytes);
        try (GGUFFile gguf = GGUFFile.open(file)) {
            MemorySegment data = gguf.tensor("t").data();
            assertTrue(data.isReadOnly());
            assertTrue(data.isMapped());
        }
    }
}
