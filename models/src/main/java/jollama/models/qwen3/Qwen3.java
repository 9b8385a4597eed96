package jollama.models.qwen3;

import jollama.gguf.GGUFFile;
import jollama.models.HyperParameters;
import jollama.models.LanguageModel;
import jollama.models.Sequence;
import jollama.models.blocks.Attention;
import jollama.quant.MatrixOps;

/**
 * Qwen3 (dense): pre-norm transformer blocks with grouped-query attention whose queries and keys
 * are RMS-normalized per head before NEOX rotary embedding, and a SwiGLU feed-forward network.
 * The forward pass itself is {@link Qwen3Sequence#forward}.
 */
public final class Qwen3 implements LanguageModel {

    public static final String ARCHITECTURE = "qwen3";

    final Qwen3Config config;
    final Qwen3Weights weights;
    final Attention attention;
    final MatrixOps ops;

    private Qwen3(Qwen3Config config, Qwen3Weights weights, MatrixOps ops) {
        this.config = config;
        this.weights = weights;
        this.ops = ops;
        this.attention = new Attention(config.heads(), config.kvHeads(), config.headDim());
    }

    /** Reads Qwen3's hyper-parameters and tensors from an open GGUF file (the file stays open). */
    public static Qwen3 load(GGUFFile file, MatrixOps ops) {
        HyperParameters hp = HyperParameters.of(file.metadata());
        int vocab = Math.toIntExact(file.tensor("token_embd.weight").rows());
        Qwen3Config config = Qwen3Config.from(hp, vocab);
        return new Qwen3(config, Qwen3Weights.load(file, config), ops);
    }

    public Qwen3Config config() {
        return config;
    }

    @Override
    public String architecture() {
        return ARCHITECTURE;
    }

    @Override
    public int vocabularySize() {
        return config.vocab();
    }

    @Override
    public int embeddingLength() {
        return config.hidden();
    }

    @Override
    public int trainedContextLength() {
        return config.contextLength();
    }

    @Override
    public Sequence newSequence(int capacity) {
        return new Qwen3Sequence(this, Math.min(capacity, config.contextLength()));
    }
}
