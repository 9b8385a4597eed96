package jollama.gguf;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads the llama.cpp-made fixture model (../shared/fixtures, present on development machines
 * only) and checks it against the fixture README's spec and golden tensor hashes.
 */
class GGUFFixtureFileTest {

    /** Walks up from the working directory to find {@code shared/fixtures/models/<name>}. */
    static Path fixture(String name) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/fixtures/models").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Test
    void readsTheTinyQ4KMFixture() throws IOException, NoSuchAlgorithmException {
        Path path = fixture("qwen3-tiny-q4_k_m.gguf");
        Assumptions.assumeTrue(path != null, "fixture model not present");
        try (GGUFFile gguf = GGUFFile.open(path)) {
            assertEquals(3, gguf.version());
            GGUFMetadata md = gguf.metadata();
            assertEquals("qwen3", md.string("general.architecture"));
            assertEquals(2, md.u32("qwen3.block_count"));
            assertEquals(40960, md.u32("qwen3.context_length"));
            assertEquals(256, md.u32("qwen3.embedding_length"));
            assertEquals(768, md.u32("qwen3.feed_forward_length"));
            assertEquals(4, md.u32("qwen3.attention.head_count"));
            assertEquals(2, md.u32("qwen3.attention.head_count_kv"));
            assertEquals(128, md.u32("qwen3.attention.key_length"));
            assertEquals(1_000_000f, md.f32("qwen3.rope.freq_base"));
            assertEquals(1e-6f, md.f32("qwen3.attention.layer_norm_rms_epsilon"));
            assertEquals("gpt2", md.string("tokenizer.ggml.model"));
            assertEquals("qwen2", md.string("tokenizer.ggml.pre"));
            List<String> tokens = md.stringArray("tokenizer.ggml.tokens");
            assertEquals(151936, tokens.size());
            assertEquals("<|endoftext|>", tokens.get(151643));
            assertEquals("<|im_end|>", tokens.get(151645));
            assertEquals("[PAD151935]", tokens.get(151935));
            int[] types = md.intArray("tokenizer.ggml.token_type");
            assertEquals(151936, types.length);
            assertEquals(1, types[0]);
            assertEquals(3, types[151643]);
            assertEquals(5, types[151935]);
            assertEquals(151387, md.stringArray("tokenizer.ggml.merges").size());
            assertEquals(151645, md.u32("tokenizer.ggml.eos_token_id"));
            assertEquals(151643, md.u32("tokenizer.ggml.bos_token_id"));
            assertFalse(md.bool("tokenizer.ggml.add_bos_token"));
            assertTrue(md.string("tokenizer.chat_template").contains("<|im_start|>"));

            assertEquals(24, gguf.tensors().size());
            assertFalse(gguf.hasTensor("output.weight")); // tied embeddings
            GGUFTensor embd = gguf.tensor("token_embd.weight");
            assertEquals(GGMLType.Q6_K, embd.type());
            assertArrayEquals(new long[] {256, 151936}, embd.shape());
            assertEquals(GGMLType.Q4_K, gguf.tensor("blk.0.attn_q.weight").type());
            assertArrayEquals(new long[] {256, 512}, gguf.tensor("blk.0.attn_q.weight").shape());
            assertEquals(GGMLType.F32, gguf.tensor("output_norm.weight").type());
            assertEquals(GGMLType.Q6_K, gguf.tensor("blk.1.ffn_down.weight").type());
            // golden/tensor-hashes.json, variant q4_k_m
            assertEquals("41f66002511534b49e127b0b41a9868e5bb53b460665f1033002fd49bb70b1dd", sha256(embd));
            assertEquals("16da75a2b4bc4347bdb526a596143766e42ff2407e5720c467ee0a1e74be92ff",
                    sha256(gguf.tensor("blk.1.ffn_down.weight")));
        }
    }

    static String sha256(GGUFTensor t) throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(t.data().asByteBuffer());
        return HexFormat.of().formatHex(md.digest());
    }
}
