package jollama.models.testmodel;

import jollama.gguf.GGUFMetadata;

/**
 * The GGUF metadata of a fixture model, as the spec lists it. Key order and value types follow
 * the llama.cpp-made fixture files (UINT32 counts and ids, FLOAT32 rope base and epsilon, INT32
 * token types), so that quantizing a generated model reproduces their key layout.
 */
public final class TestModelMetadata {

    /** ggml's LLAMA_FTYPE_ALL_F32. */
    public static final int FILE_TYPE_ALL_F32 = 0;
    /** llama.cpp's LLAMA_POOLING_TYPE_LAST. */
    public static final int POOLING_LAST = 3;

    private TestModelMetadata() {
    }

    /** The metadata of the F32 model of {@code config}. */
    public static GGUFMetadata of(TestModelConfig config, Qwen3TokenizerData tokenizer) {
        String arch = "qwen3.";
        GGUFMetadata.Builder b = GGUFMetadata.builder()
                .putString("general.architecture", "qwen3")
                .putString("general.name", config.generalName())
                .putU32("general.alignment", 32)
                .putU32(arch + "block_count", config.layers())
                .putU32(arch + "context_length", 40960)
                .putU32(arch + "embedding_length", config.hidden())
                .putU32(arch + "feed_forward_length", config.ffn())
                .putU32(arch + "attention.head_count", config.heads())
                .putU32(arch + "attention.head_count_kv", config.kvHeads())
                .putU32(arch + "attention.key_length", config.headDim())
                .putU32(arch + "attention.value_length", config.headDim())
                .putF32(arch + "rope.freq_base", 1_000_000f)
                .putF32(arch + "attention.layer_norm_rms_epsilon", 1e-6f)
                .putString("tokenizer.ggml.model", "gpt2")
                .putString("tokenizer.ggml.pre", "qwen2")
                .putStringArray("tokenizer.ggml.tokens", tokenizer.tokens())
                .putI32Array("tokenizer.ggml.token_type",
                        tokenizer.tokenTypes().stream().mapToInt(Integer::intValue).toArray())
                .putStringArray("tokenizer.ggml.merges", tokenizer.merges())
                .putU32("tokenizer.ggml.eos_token_id", config.eosTokenId())
                .putU32("tokenizer.ggml.padding_token_id", Qwen3TokenizerData.ENDOFTEXT)
                .putU32("tokenizer.ggml.bos_token_id", Qwen3TokenizerData.ENDOFTEXT)
                .putBool("tokenizer.ggml.add_bos_token", false);
        if (config.embedding()) {
            b.putU32(arch + "pooling_type", POOLING_LAST)
                    .putBool("tokenizer.ggml.add_eos_token", true);
        } else {
            b.putString("tokenizer.chat_template", tokenizer.chatTemplate());
        }
        // Last, where llama-quantize leaves it after rewriting it.
        return b.putU32("general.file_type", FILE_TYPE_ALL_F32).build();
    }
}
