package jollama.models.quantize;

import jollama.gguf.GGMLType;
import jollama.gguf.GGUFFile;
import jollama.gguf.GGUFMetadata;
import jollama.gguf.GGUFTensor;
import jollama.gguf.GGUFWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quantizer's rules on small hand-made models: order, types, metadata, errors, progress. */
class ModelQuantizerTest {

    private static final ValueLayout.OfFloat LE_FLOAT =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @TempDir
    Path dir;

    private record Spec(String name, GGMLType type, long... shape) {
    }

    /** A one-layer qwen3-like model; F32 data is a smooth ramp, other types a byte pattern. */
    private Path model(String file, GGUFMetadata metadata, Spec... specs) throws IOException {
        GGUFWriter w = new GGUFWriter(metadata);
        for (Spec s : specs) {
            w.addTensor(s.name(), s.type(), s.shape());
        }
        Path path = dir.resolve(file);
        w.write(path, (info, dst) -> {
            if (info.type() == GGMLType.F32) {
                for (long i = 0; i < info.elementCount(); i++) {
                    dst.setAtIndex(LE_FLOAT, i, (float) Math.sin(i * 0.37) * 0.05f);
                }
            } else {
                for (long i = 0; i < dst.byteSize(); i++) {
                    dst.set(ValueLayout.JAVA_BYTE, i, (byte) (i * 31 + 7));
                }
            }
        });
        return path;
    }

    private static GGUFMetadata.Builder qwen3(int layers) {
        return GGUFMetadata.builder().putString("general.architecture", "qwen3").putU32("qwen3.block_count", layers);
    }

    private Path model(String file, Spec... specs) throws IOException {
        return model(file, qwen3(1).build(), specs);
    }

    @Test
    void tensorsComeOutByLayerNumberThenByName() throws IOException {
        Path in = model("in.gguf", qwen3(11).build(),
                new Spec("blk.10.attn_q.weight", GGMLType.F32, 32, 2),
                new Spec("blk.2.attn_q.weight", GGMLType.F32, 32, 2),
                new Spec("token_embd.weight", GGMLType.F32, 32, 4),
                new Spec("blk.2.attn_k.weight", GGMLType.F32, 32, 2),
                new Spec("output_norm.weight", GGMLType.F32, 32));
        Path out = dir.resolve("out.gguf");
        new ModelQuantizer(FileType.Q8_0).quantize(in, out);
        try (GGUFFile f = GGUFFile.open(out)) {
            // llama.cpp's weight_name_comparer: layer -1 (no blk.N.) first, blk.2 before blk.10.
            assertEquals(List.of("output_norm.weight", "token_embd.weight", "blk.2.attn_k.weight",
                    "blk.2.attn_q.weight", "blk.10.attn_q.weight"), f.tensorNames());
        }
    }

    @Test
    void layerNumbersAreReadAsSscanfReadsThem() {
        assertEquals(-1, TensorOrder.layerOf("token_embd.weight"));
        assertEquals(-1, TensorOrder.layerOf("blk.x.weight"));
        assertEquals(7, TensorOrder.layerOf("blk.7.ffn_up.weight"));
        assertEquals(123, TensorOrder.layerOf("blk.123"));
    }

    @Test
    void normsStayF32AndWeightsTakeThePolicyTypes() throws IOException {
        Path in = model("in.gguf",
                new Spec("token_embd.weight", GGMLType.F32, 256, 8),
                new Spec("blk.0.attn_norm.weight", GGMLType.F32, 256),
                new Spec("blk.0.attn_v.weight", GGMLType.F32, 256, 4),
                new Spec("blk.0.ffn_down.weight", GGMLType.F32, 256, 4),
                new Spec("blk.0.ffn_up.weight", GGMLType.F32, 256, 4));
        Path out = dir.resolve("out.gguf");
        QuantizeResult result = new ModelQuantizer(FileType.Q4_K_M).quantize(in, out);
        try (GGUFFile f = GGUFFile.open(out)) {
            // One layer: use_more_bits(0, 1) holds, so attn_v and ffn_down get Q6_K; the tied embedding too.
            assertEquals(Map.of("token_embd.weight", GGMLType.Q6_K, "blk.0.attn_norm.weight", GGMLType.F32,
                    "blk.0.attn_v.weight", GGMLType.Q6_K, "blk.0.ffn_down.weight", GGMLType.Q6_K,
                    "blk.0.ffn_up.weight", GGMLType.Q4_K), types(f));
        }
        assertEquals(5, result.tensors());
        assertEquals(4, result.converted());
        assertEquals(Files.size(out), result.outputBytes());
    }

    @Test
    void metadataKeepsTheInputOrderAndAppendsVersionAndFileType() throws IOException {
        GGUFMetadata md = GGUFMetadata.builder()
                .putU32("general.file_type", 0)
                .putString("general.architecture", "qwen3")
                .putU32("general.quantization_version", 1)
                .putU32("qwen3.block_count", 1)
                .putU32("split.count", 1)
                .putString("general.name", "m")
                .build();
        Path in = model("in.gguf", md, new Spec("blk.0.ffn_up.weight", GGMLType.F32, 32, 2));
        Path out = dir.resolve("out.gguf");
        new ModelQuantizer(FileType.Q4_0).quantize(in, out);
        try (GGUFFile f = GGUFFile.open(out)) {
            assertEquals(List.of("general.architecture", "qwen3.block_count", "general.name",
                    "general.quantization_version", "general.file_type"), f.metadata().keys());
            assertEquals(2, f.metadata().u32("general.quantization_version"));
            assertEquals(2, f.metadata().u32("general.file_type")); // LLAMA_FTYPE_MOSTLY_Q4_0
        }
    }

    @Test
    void alreadyQuantizedAndHalfPrecisionTensorsAreCopiedUnchanged() throws IOException {
        Path in = model("in.gguf",
                new Spec("blk.0.ffn_up.weight", GGMLType.Q8_0, 64, 2),
                new Spec("blk.0.ffn_gate.weight", GGMLType.F16, 64, 2),
                new Spec("blk.0.attn_norm.weight", GGMLType.F16, 64));
        Path out = dir.resolve("out.gguf");
        QuantizeResult result = new ModelQuantizer(FileType.Q4_K_M).quantize(in, out);
        try (GGUFFile src = GGUFFile.open(in); GGUFFile f = GGUFFile.open(out)) {
            GGUFTensor kept = f.tensor("blk.0.ffn_up.weight");
            assertEquals(GGMLType.Q8_0, kept.type());
            assertArrayEquals(bytes(src.tensor("blk.0.ffn_up.weight")), bytes(kept));
            assertEquals(GGMLType.F16, f.tensor("blk.0.attn_norm.weight").type());
            assertArrayEquals(bytes(src.tensor("blk.0.attn_norm.weight")), bytes(f.tensor("blk.0.attn_norm.weight")));
            // 64-element rows: Q4_K's 256 blocks do not fit, llama.cpp falls back to Q5_0.
            assertEquals(GGMLType.Q5_0, f.tensor("blk.0.ffn_gate.weight").type());
        }
        assertEquals(1, result.converted());
    }

    @Test
    void rowsThatNoBlockDividesFallBackToF16ForK_QuantsAndFailOtherwise() throws IOException {
        Path in = model("in.gguf", new Spec("blk.0.ffn_up.weight", GGMLType.F32, 48, 2));
        Path out = dir.resolve("out.gguf");
        new ModelQuantizer(FileType.Q4_K_M).quantize(in, out);
        try (GGUFFile f = GGUFFile.open(out)) {
            assertEquals(GGMLType.F16, f.tensor("blk.0.ffn_up.weight").type()); // Q4_K -> Q5_0 -> F16
        }
        Path out2 = dir.resolve("out2.gguf");
        QuantizeException e = assertThrows(QuantizeException.class,
                () -> new ModelQuantizer(FileType.Q8_0).quantize(in, out2));
        assertTrue(e.getMessage().contains("blk.0.ffn_up.weight") && e.getMessage().contains("48"), e.getMessage());
        assertFalse(Files.exists(out2));
    }

    @Test
    void unsupportedSourceTypesAreNamed() throws IOException {
        Path in = model("in.gguf", new Spec("blk.0.ffn_up.weight", GGMLType.I32, 32, 2));
        Path out = dir.resolve("out.gguf");
        QuantizeException e = assertThrows(QuantizeException.class,
                () -> new ModelQuantizer(FileType.Q8_0).quantize(in, out));
        assertTrue(e.getMessage().contains("blk.0.ffn_up.weight") && e.getMessage().contains("I32"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void aModelWithoutBlockCountIsRefused() throws IOException {
        Path in = model("in.gguf", GGUFMetadata.builder().putString("general.architecture", "qwen3").build(),
                new Spec("blk.0.ffn_up.weight", GGMLType.F32, 32, 2));
        QuantizeException e = assertThrows(QuantizeException.class,
                () -> new ModelQuantizer(FileType.Q8_0).quantize(in, dir.resolve("out.gguf")));
        assertTrue(e.getMessage().contains("qwen3.block_count"), e.getMessage());
    }

    @Test
    void refusesToOverwriteItsInputAlsoThroughALink() throws IOException {
        Path in = model("in.gguf", new Spec("blk.0.ffn_up.weight", GGMLType.F32, 32, 2));
        byte[] before = Files.readAllBytes(in);
        ModelQuantizer q = new ModelQuantizer(FileType.Q8_0);
        assertThrows(QuantizeException.class, () -> q.quantize(in, in));
        assertThrows(QuantizeException.class, () -> q.quantize(in, dir.resolve(".").resolve("in.gguf")));
        Path link = Files.createSymbolicLink(dir.resolve("link.gguf"), in);
        QuantizeException e = assertThrows(QuantizeException.class, () -> q.quantize(in, link));
        assertTrue(e.getMessage().contains("overwrite"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(in));
    }

    @Test
    void progressCountsEveryTensorAndByteOnTheCallingThread() throws IOException {
        Path in = model("in.gguf",
                new Spec("token_embd.weight", GGMLType.F32, 256, 3000),
                new Spec("blk.0.attn_norm.weight", GGMLType.F32, 256),
                new Spec("blk.0.ffn_up.weight", GGMLType.F32, 256, 8));
        List<QuantizeProgress> seen = new ArrayList<>();
        Thread caller = Thread.currentThread();
        Path out = dir.resolve("out.gguf");
        new ModelQuantizer(FileType.Q8_0, 2).quantize(in, out, p -> {
            assertTrue(Thread.currentThread() == caller);
            seen.add(p);
        });
        long total = GGMLType.Q8_0.byteSize(256 * 3000) + 256 * 4 + GGMLType.Q8_0.byteSize(256 * 8);
        QuantizeProgress last = seen.getLast();
        assertEquals(new QuantizeProgress(3, 3, "blk.0.ffn_up.weight", total, total), last);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i).bytesDone() >= seen.get(i - 1).bytesDone());
            assertTrue(seen.get(i).tensorsDone() >= seen.get(i - 1).tensorsDone());
        }
        // The big tensor reports more than once on its way (chunks of 256 rows, batches of 8 chunks).
        assertTrue(seen.stream().filter(p -> p.tensor().equals("token_embd.weight") && p.tensorsDone() == 0
                && p.bytesDone() > 0 && p.bytesDone() < GGMLType.Q8_0.byteSize(256 * 3000)).count() >= 1);
    }

    @Test
    void oneThreadWritesTheSameBytesAsMany() throws IOException {
        Path in = model("in.gguf", new Spec("blk.0.ffn_up.weight", GGMLType.F32, 512, 600));
        Path one = dir.resolve("one.gguf");
        Path many = dir.resolve("many.gguf");
        new ModelQuantizer(FileType.Q4_K_M, 1).quantize(in, one);
        new ModelQuantizer(FileType.Q4_K_M, 3).quantize(in, many);
        assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(many));
    }

    private static Map<String, GGMLType> types(GGUFFile f) {
        Map<String, GGMLType> m = new java.util.HashMap<>();
        for (GGUFTensor t : f.tensors()) {
            m.put(t.name(), t.type());
        }
        return m;
    }

    private static byte[] bytes(GGUFTensor t) {
        return t.data().toArray(ValueLayout.JAVA_BYTE);
    }
}
