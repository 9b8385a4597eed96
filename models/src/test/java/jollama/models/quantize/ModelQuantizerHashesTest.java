package jollama.models.quantize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jollama.gguf.GGUFFile;
import jollama.gguf.GGUFMetadata;
import jollama.gguf.GGUFTensor;
import jollama.models.testmodel.Qwen3TokenizerData;
import jollama.models.testmodel.TestModelConfig;
import jollama.models.testmodel.TestModelGenerator;
import jollama.quant.QuantFormat;
import jollama.quant.QuantFormats;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Quantizing the generated F32 fixture models gives what llama-quantize gave: every tensor's
 * type and data hash (golden/tensor-hashes.json), the tensor order, and the file type. Where the
 * llama.cpp-made fixture files are at hand, their metadata and dequantized weights match ours.
 */
class ModelQuantizerHashesTest {

    @TempDir
    static Path dir;

    private static JsonNode hashes;
    private static Path tinyF32;
    private static Path tinyEmbedF32;
    /** Quantized outputs by variant, made on first use: the fixture comparisons reuse them. */
    private static final Map<String, Path> quantized = new HashMap<>();

    @BeforeAll
    static void generateSources() throws IOException {
        try (InputStream in = ModelQuantizerHashesTest.class.getResourceAsStream("/golden/tensor-hashes.json")) {
            hashes = new ObjectMapper().readTree(in);
        }
        Qwen3TokenizerData tokenizer = Qwen3TokenizerData.load();
        tinyF32 = dir.resolve("tiny-f32.gguf");
        TestModelGenerator.writeF32(TestModelConfig.TINY, tokenizer, tinyF32);
        tinyEmbedF32 = dir.resolve("tiny-embed-f32.gguf");
        TestModelGenerator.writeF32(TestModelConfig.TINY_EMBED, tokenizer, tinyEmbedF32);
    }

    private static synchronized Path quantized(String variant) throws IOException {
        Path out = quantized.get(variant);
        if (out == null) {
            boolean embed = variant.startsWith("embed-");
            FileType type = FileType.parse(embed ? variant.substring("embed-".length()) : variant);
            out = dir.resolve(variant + ".gguf");
            new ModelQuantizer(type).quantize(embed ? tinyEmbedF32 : tinyF32, out);
            quantized.put(variant, out);
        }
        return out;
    }

    /** The file type ids are llama.cpp's LLAMA_FTYPE_MOSTLY_* values, as its files carry them. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"f16,1", "bf16,32", "q8_0,7", "q6_k,18", "q5_k_m,17", "q4_k_m,15", "q4_0,2", "embed-q8_0,7"})
    void tensorsMatchLlamaQuantize(String variant, int fileTypeId) throws Exception {
        JsonNode golden = hashes.get(variant);
        List<String> goldenOrder = golden.properties().stream().map(Map.Entry::getKey).toList();
        try (GGUFFile out = GGUFFile.open(quantized(variant));
             GGUFFile in = GGUFFile.open(variant.startsWith("embed-") ? tinyEmbedF32 : tinyF32)) {
            assertEquals(goldenOrder, out.tensorNames(), "tensor order");
            List<String> mismatches = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : golden.properties()) {
                GGUFTensor t = out.tensor(e.getKey());
                String expected = e.getValue().get("type").asText() + " " + e.getValue().get("sha256").asText();
                String actual = t.type().name() + " " + sha256(t);
                if (!expected.equals(actual)) {
                    mismatches.add(e.getKey() + ": expected " + expected + ", got " + actual);
                }
            }
            if (!mismatches.isEmpty()) {
                fail(variant + ": " + mismatches.size() + " tensors differ from llama-quantize's\n"
                        + String.join("\n", mismatches));
            }
            GGUFMetadata md = out.metadata();
            assertEquals(fileTypeId, md.u32("general.file_type"));
            assertEquals(2, md.u32("general.quantization_version"));
            // Input keys in their order; llama-quantize's gguf_set_val_u32 moves both keys to the end.
            List<String> expectedKeys = new ArrayList<>(in.metadata().keys());
            expectedKeys.remove("general.file_type");
            expectedKeys.addAll(List.of("general.quantization_version", "general.file_type"));
            assertEquals(expectedKeys, md.keys());
        }
    }

    @Test
    void tinyQ4_K_MEqualsTheLlamaCppFixture() throws IOException {
        compareWithFixture("q4_k_m", "qwen3-tiny-q4_k_m.gguf");
    }

    @Test
    void tinyEmbedQ8_0EqualsTheLlamaCppFixture() throws IOException {
        compareWithFixture("embed-q8_0", "qwen3-tiny-embed-q8_0.gguf");
    }

    private static void compareWithFixture(String variant, String fixtureName) throws IOException {
        Path fixture = fixture(fixtureName);
        Assumptions.assumeTrue(fixture != null, "fixture model " + fixtureName + " not present");
        Path oursPath = quantized(variant);
        try (GGUFFile ours = GGUFFile.open(oursPath); GGUFFile theirs = GGUFFile.open(fixture)) {
            assertEquals(theirs.metadata(), ours.metadata(), "metadata, keys in order");
            assertEquals(theirs.tensorInfos(), ours.tensorInfos(), "tensor table: names, types, shapes, offsets");
            for (GGUFTensor t : theirs.tensors()) {
                float[] expected = dequantize(t);
                float[] actual = dequantize(ours.tensor(t.name()));
                for (int i = 0; i < expected.length; i++) {
                    if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                        fail(t.name() + "[" + i + "]: llama.cpp " + expected[i] + ", jollama " + actual[i]);
                    }
                }
            }
        }
        // Header, padding and all: the very file llama-quantize wrote.
        assertEquals(-1L, Files.mismatch(fixture, oursPath), "first differing byte");
    }

    private static float[] dequantize(GGUFTensor t) {
        QuantFormat format = QuantFormats.of(t.type());
        float[] all = new float[Math.toIntExact(t.elementCount())];
        int cols = (int) t.cols();
        for (long r = 0; r < t.rows(); r++) {
            format.dequantizeRow(t.data(), r * t.rowBytes(), all, (int) (r * cols), cols);
        }
        return all;
    }

    /** ../shared/fixtures next to the project root; absent in a plain clone. */
    private static Path fixture(String name) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/fixtures/models").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String sha256(GGUFTensor t) throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(t.data().asByteBuffer());
        return HexFormat.of().formatHex(md.digest());
    }
}
