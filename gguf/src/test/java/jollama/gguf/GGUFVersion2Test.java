package jollama.gguf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * GGUF v2 (the spec: "v2 changed most countable values (lengths, etc.) from uint32 to uint64";
 * v3 only added big-endian files) reads like v3. The file is laid out by hand, not by GGUFWriter.
 */
class GGUFVersion2Test {

    @TempDir
    Path dir;

    @Test
    void readsAVersion2File() throws IOException {
        RawGGUF raw = RawGGUF.header(2, 2, 4)
                .key("general.architecture", GGUFValueType.STRING).str("llama")
                .key("llama.block_count", GGUFValueType.UINT32).u32(2)
                .key("tokenizer.ggml.tokens", GGUFValueType.ARRAY).u32(GGUFValueType.STRING.id()).u64(3)
                .str("<s>").str("a").str("b")
                .key("llama.rope.freq_base", GGUFValueType.FLOAT32).f32(10000f)
                .tensor("norm.weight", GGMLType.F32.id(), 0, 4)
                .tensor("q.weight", GGMLType.Q8_0.id(), 32, 32, 1)
                .pad(32);
        int dataStart = raw.position();
        raw.f32(1f).f32(2f).f32(3f).f32(4f).pad(32);
        raw.u16(0x3C00); // the Q8_0 block: f16 scale 1.0, then 32 int8 quants
        for (int i = 0; i < 32; i++) {
            raw.u8(i - 16);
        }
        Path file = raw.writeTo(dir.resolve("v2.gguf"));

        try (GGUFFile gguf = GGUFFile.open(file)) {
            assertEquals(2, gguf.version());
            GGUFMetadata md = gguf.metadata();
            assertEquals(List.of("general.architecture", "llama.block_count", "tokenizer.ggml.tokens",
                    "llama.rope.freq_base"), md.keys());
            assertEquals("llama", md.string("general.architecture"));
            assertEquals(2, md.u32("llama.block_count"));
            assertEquals(List.of("<s>", "a", "b"), md.stringArray("tokenizer.ggml.tokens"));
            assertEquals(10000f, md.f32("llama.rope.freq_base"));
            assertEquals(dataStart, gguf.tensorDataOffset());
            float[] norm = gguf.tensor("norm.weight").data()
                    .toArray(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN));
            assertArrayEquals(new float[] {1f, 2f, 3f, 4f}, norm);
            GGUFTensor q = gguf.tensor("q.weight");
            assertEquals(34, q.byteSize());
            assertEquals((byte) 0x00, q.data().get(ValueLayout.JAVA_BYTE, 0));
            assertEquals((byte) 0x3C, q.data().get(ValueLayout.JAVA_BYTE, 1));
            assertEquals((byte) -16, q.data().get(ValueLayout.JAVA_BYTE, 2));
            assertEquals((byte) 15, q.data().get(ValueLayout.JAVA_BYTE, 33));
        }
    }
}
