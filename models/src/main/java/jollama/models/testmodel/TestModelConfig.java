package jollama.models.testmodel;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * The shape and seed of a fixture model (../shared/fixtures/README.md, "The model spec").
 * Every config uses tied embeddings (no {@code output.weight}) and
 * {@code head_dim = key_length = value_length}.
 *
 * @param name      the config name of the spec table: {@code tiny}, {@code tiny-embed}, {@code 0.6b}, {@code 4b}
 * @param hidden    embedding_length
 * @param layers    block_count
 * @param heads     attention.head_count
 * @param kvHeads   attention.head_count_kv
 * @param headDim   attention.key_length and value_length
 * @param ffn       feed_forward_length
 * @param vocab     vocabulary size (rows of token_embd)
 * @param seed      the weight seed
 * @param embedding true for the last-token-pooling embedding model, false for a chat model
 */
public record TestModelConfig(String name, int hidden, int layers, int heads, int kvHeads, int headDim, int ffn,
                              int vocab, long seed, boolean embedding) {

    public static final TestModelConfig TINY =
            new TestModelConfig("tiny", 256, 2, 4, 2, 128, 768, 151936, 1, false);
    public static final TestModelConfig TINY_EMBED =
            new TestModelConfig("tiny-embed", 256, 2, 4, 2, 128, 768, 151936, 2, true);
    /** The shapes of Qwen3-0.6B, for speed work. */
    public static final TestModelConfig QWEN3_0_6B =
            new TestModelConfig("0.6b", 1024, 28, 16, 8, 128, 3072, 151936, 6, false);
    /** The shapes of Qwen3-4B, for speed work (16 GB in F32). */
    public static final TestModelConfig QWEN3_4B =
            new TestModelConfig("4b", 2560, 36, 32, 8, 128, 9728, 151936, 4, false);

    public TestModelConfig {
        if (hidden <= 0 || layers <= 0 || heads <= 0 || kvHeads <= 0 || headDim <= 0 || ffn <= 0 || vocab <= 0) {
            throw new IllegalArgumentException("every dimension of " + name + " must be positive");
        }
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException(name + ": " + heads + " heads is not a multiple of " + kvHeads
                    + " kv heads");
        }
    }

    /** The four configs of the spec table, in its order. */
    public static List<TestModelConfig> all() {
        return List.of(TINY, TINY_EMBED, QWEN3_0_6B, QWEN3_4B);
    }

    /** The config called {@code name} in the spec table. */
    public static TestModelConfig named(String name) {
        return all().stream().filter(c -> c.name.equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no test model config '" + name + "'; known: "
                        + all().stream().map(TestModelConfig::name).toList()));
    }

    public TestModelConfig withSeed(long newSeed) {
        return new TestModelConfig(name, hidden, layers, heads, kvHeads, headDim, ffn, vocab, newSeed, embedding);
    }

    public TestModelConfig withLayers(int newLayers) {
        return new TestModelConfig(name, hidden, newLayers, heads, kvHeads, headDim, ffn, vocab, seed, embedding);
    }

    /** {@code general.name} as the fixture files carry it, e.g. {@code qwen3-tiny-seed1}. */
    public String generalName() {
        return "qwen3-" + name + "-seed" + seed;
    }

    /** Rows of attn_q: heads · head_dim. */
    public int qDim() {
        return heads * headDim;
    }

    /** Rows of attn_k and attn_v: kv_heads · head_dim. */
    public int kvDim() {
        return kvHeads * headDim;
    }

    /** Chat models end a turn with {@code <|im_end|>}; the embedding model appends {@code <|endoftext|>}. */
    public int eosTokenId() {
        return embedding ? Qwen3TokenizerData.ENDOFTEXT : Qwen3TokenizerData.IM_END;
    }
}
