package jollama.models.qwen3;

import jollama.models.HyperParameters;

/** Qwen3's hyper-parameters, from the {@code qwen3.*} metadata keys. */
public record Qwen3Config(int hidden, int layers, int heads, int kvHeads, int headDim, int ffn, int vocab,
                          int contextLength, float ropeBase, float rmsEps) {

    public static Qwen3Config from(HyperParameters hp, int vocab) {
        int hidden = hp.integer("embedding_length");
        int heads = hp.integer("attention.head_count");
        return new Qwen3Config(
                hidden,
                hp.integer("block_count"),
                heads,
                hp.integer("attention.head_count_kv", heads),
                hp.integer("attention.key_length", hidden / heads),
                hp.integer("feed_forward_length"),
                vocab,
                hp.integer("context_length"),
                hp.real("rope.freq_base", 1_000_000f),
                hp.real("attention.layer_norm_rms_epsilon", 1e-6f));
    }

    public int qDim() {
        return heads * headDim;
    }

    public int kvDim() {
        return kvHeads * headDim;
    }
}
