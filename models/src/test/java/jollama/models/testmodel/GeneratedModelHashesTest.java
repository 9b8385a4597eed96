package jollama.models.testmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jollama.gguf.GGMLType;
import jollama.gguf.GGUFFile;
import jollama.gguf.GGUFMetadata;
import jollama.gguf.GGUFTensor;
import jollama.gguf.GGUFValue;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated F32 models are the fixture models: every tensor's bytes hash to the golden
 * {@code f32-source} / {@code embed-f32-source} values (tensor-hashes.json, from the llama.cpp
 * side), in the spec's order, and the metadata is what the spec lists.
 */
class GeneratedModelHashesTest {

    @TempDir
    static Path dir;

    private static JsonNode hashes;
    private static Qwen3TokenizerData tokenizer;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = GeneratedModelHashesTest.class.getResourceAsStream("/golden/tensor-hashes.json")) {
            hashes = new ObjectMapper().readTree(in);
        }
        tokenizer = Qwen3TokenizerData.load();
    }

    private static Path generate(TestModelConfig config) throws IOException {
        Path file = dir.resolve(config.name() + "-f32.gguf");
        if (!Files.exists(file)) {
            TestModelGenerator.writeF32(config, tokenizer, file);
        }
        return file;
    }

    @Test
    void tinyTensorsMatchTheGoldenHashes() throws Exception {
        checkHashes(generate(TestModelConfig.TINY), hashes.get("f32-source"));
    }

    @Test
    void tinyEmbedTensorsMatchTheGoldenHashes() throws Exception {
        checkHashes(generate(TestModelConfig.TINY_EMBED), hashes.get("embed-f32-source"));
    }

    private static void checkHashes(Path file, JsonNode golden) throws IOException, NoSuchAlgorithmException {
        List<String> goldenOrder = golden.properties().stream().map(Map.Entry::getKey).toList();
        try (GGUFFile gguf = GGUFFile.open(file)) {
            assertEquals(goldenOrder, gguf.tensorNames());
            for (Map.Entry<String, JsonNode> e : golden.properties()) {
                GGUFTensor t = gguf.tensor(e.getKey());
                assertEquals(e.getValue().get("type").asText(), t.type().name(), e.getKey());
                assertEquals(e.getValue().get("sha256").asText(), sha256(t), e.getKey());
            }
        }
    }

    @Test
    void tinyMetadataFollowsTheSpec() throws IOException {
        try (GGUFFile gguf = GGUFFile.open(generate(TestModelConfig.TINY))) {
            GGUFMetadata md = gguf.metadata();
            assertEquals(3, gguf.version());
            assertEquals("qwen3", md.string("general.architecture"));
            assertEquals("qwen3-tiny-seed1", md.string("general.name"));
            assertEquals(0, md.u32("general.file_type"));
            assertEquals(2, md.u32("qwen3.block_count"));
            assertEquals(40960, md.u32("qwen3.context_length"));
            assertEquals(256, md.u32("qwen3.embedding_length"));
            assertEquals(768, md.u32("qwen3.feed_forward_length"));
            assertEquals(4, md.u32("qwen3.attention.head_count"));
            assertEquals(2, md.u32("qwen3.attention.head_count_kv"));
            assertEquals(128, md.u32("qwen3.attention.key_length"));
            assertEquals(128, md.u32("qwen3.attention.value_length"));
            assertEquals(1_000_000f, md.f32("qwen3.rope.freq_base"));
            assertEquals(1e-6f, md.f32("qwen3.attention.layer_norm_rms_epsilon"));
            assertEquals("gpt2", md.string("tokenizer.ggml.model"));
            assertEquals("qwen2", md.string("tokenizer.ggml.pre"));
            List<String> tokens = md.stringArray("tokenizer.ggml.tokens");
            assertEquals(151936, tokens.size());
            assertEquals("<|im_end|>", tokens.get(151645));
            assertEquals("[PAD151935]", tokens.get(151935));
            int[] types = md.intArray("tokenizer.ggml.token_type");
            assertEquals(3, types[151645]); // control
            assertEquals(4, types[tokens.indexOf("<think>")]); // user-defined
            assertEquals(5, types[151935]); // unused pad
            assertEquals(151387, md.stringArray("tokenizer.ggml.merges").size());
            assertEquals(151643, md.u32("tokenizer.ggml.bos_token_id"));
            assertEquals(151643, md.u32("tokenizer.ggml.padding_token_id"));
            assertEquals(151645, md.u32("tokenizer.ggml.eos_token_id"));
            assertFalse(md.bool("tokenizer.ggml.add_bos_token"));
            assertTrue(md.string("tokenizer.chat_template").contains("<|im_start|>"));
            assertFalse(md.contains("qwen3.pooling_type"));
            assertFalse(gguf.hasTensor("output.weight"));
        }
    }

    @Test
    void tinyEmbedMetadataFollowsTheSpec() throws IOException {
        try (GGUFFile gguf = GGUFFile.open(generate(TestModelConfig.TINY_EMBED))) {
            GGUFMetadata md = gguf.metadata();
            assertEquals("qwen3-tiny-embed-seed2", md.string("general.name"));
            assertEquals(151643, md.u32("tokenizer.ggml.eos_token_id"));
            assertEquals(3, md.u32("qwen3.pooling_type"));
            assertTrue(md.bool("tokenizer.ggml.add_eos_token"));
            assertFalse(md.contains("tokenizer.chat_template"));
        }
    }

    /**
     * Where the llama.cpp-quantized fixtures are at hand, the generated metadata has their keys in
     * their order with their types and values, less what quantizing changes.
     */
    @Test
    void metadataMirrorsTheLlamaCppFixtures() throws IOException {
        mirror(TestModelConfig.TINY, "qwen3-tiny-q4_k_m.gguf");
        mirror(TestModelConfig.TINY_EMBED, "qwen3-tiny-embed-q8_0.gguf");
    }

    private static void mirror(TestModelConfig config, String fixtureName) throws IOException {
        Path fixture = fixture(fixtureName);
        Assumptions.assumeTrue(fixture != null, "fixture model not present");
        try (GGUFFile ours = GGUFFile.open(generate(config)); GGUFFile theirs = GGUFFile.open(fixture)) {
            List<String> expectedKeys = new ArrayList<>(theirs.metadata().keys());
            expectedKeys.remove("general.quantization_version");
            assertEquals(expectedKeys, ours.metadata().keys());
            for (String key : expectedKeys) {
                GGUFValue expected = key.equals("general.file_type")
                        ? new GGUFValue.UInt32(0) : theirs.metadata().get(key);
                assertEquals(expected, ours.metadata().get(key), key);
            }
            for (GGUFTensor t : theirs.tensors()) {
                GGUFTensor mine = ours.tensor(t.name());
                assertEquals(List.of(t.shape().length, t.cols(), t.rows()),
                        List.of(mine.shape().length, mine.cols(), mine.rows()), t.name());
                assertEquals(GGMLType.F32, mine.type());
            }
        }
    }

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
