package jollama.models.qwen3;

import jollama.gguf.GGUFFile;
import jollama.models.HyperParameters;
import jollama.models.LanguageModel;
import jollama.models.Sequence;
import jollama.models.blocks.Attention;
import jollama.models.blocks.Linear;
import jollama.models.blocks.RmsNorm;
import jollama.models.blocks.Rope;
import jollama.models.blocks.SwiGlu;
import jollama.models.blocks.Vectors;
import jollama.quant.Matrix;
import jollama.quant.MatrixOps;
import jollama.quant.QuantFormats;

/**
 * Qwen3 (dense): pre-norm transformer blocks with grouped-query attention whose queries and keys
 * are RMS-normalized per head before NEOX rotary embedding, and a SwiGLU feed-forward network.
 * {@link #forward} is the whole forward pass; {@link Qwen3Sequence} holds a sequence's KV cache.
 */
public final class Qwen3 implements LanguageModel {

    public static final String ARCHITECTURE = "qwen3";

    final Qwen3Config config;
    final Qwen3Weights weights;
    final Attention attention;
    final MatrixOps ops;
    /** Per layer, the matrices applied to one input: {Q, K, V}, {output}, {gate, up}, {down}; then the head. */
    private final Matrix[][] qkv;
    private final Matrix[][] gateUp;
    private final Matrix[][] wo;
    private final Matrix[][] down;
    private final Matrix[] output;
    private Rope rope;

    private Qwen3(Qwen3Config config, Qwen3Weights weights, MatrixOps ops) {
        this.config = config;
        this.weights = weights;
        this.ops = ops;
        this.attention = new Attention(config.heads(), config.kvHeads(), config.headDim());
        this.qkv = new Matrix[config.layers()][];
        this.gateUp = new Matrix[config.layers()][];
        this.wo = new Matrix[config.layers()][];
        this.down = new Matrix[config.layers()][];
        for (int l = 0; l < config.layers(); l++) {
            Qwen3Weights.Layer layer = weights.layers()[l];
            qkv[l] = new Matrix[] {layer.wq().matrix(), layer.wk().matrix(), layer.wv().matrix()};
            gateUp[l] = new Matrix[] {layer.gate().matrix(), layer.up().matrix()};
            wo[l] = new Matrix[] {layer.wo().matrix()};
            down[l] = new Matrix[] {layer.down().matrix()};
        }
        this.output = new Matrix[] {weights.output().matrix()};
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
        int positions = Math.min(capacity, config.contextLength());
        return new Qwen3Sequence(this, positions, rope(positions));
    }

    /**
     * The rotary table for at least {@code positions} positions, shared by every sequence: built
     * when a longer context than any before is asked for, not once per sequence.
     */
    private synchronized Rope rope(int positions) {
        if (rope == null || rope.maxPositions() < positions) {
            rope = new Rope(config.headDim(), positions, config.ropeBase());
        }
        return rope;
    }

    /**
     * One new token for each sequence, all in one pass over the weights: every weight block is
     * read once and applied to every sequence's row. Sequences must be distinct and idle.
     */
    @Override
    public void decode(Sequence[] sequences, int[] tokens, int count, float[][] logits) {
        // everything is checked first, so that a refusal changes no sequence
        if (count < 1 || count > sequences.length || count > tokens.length || count > logits.length) {
            throw new IllegalArgumentException("a decode step of " + count + " sequences needs as many of each argument");
        }
        for (int i = 0; i < count; i++) {
            if (!(sequences[i] instanceof Qwen3Sequence s) || s.model != this) {
                throw new IllegalArgumentException("sequence " + i + " does not belong to this model");
            }
            for (int j = 0; j < i; j++) { // a handful of sequences: a quadratic scan allocates nothing
                if (sequences[j] == s) {
                    throw new IllegalArgumentException("a sequence appears twice in one decode step");
                }
            }
            s.checkAppend(tokens, i, 1);
        }
        int hidden = config.hidden();
        int vocab = config.vocab();
        for (int done = 0; done < count; ) {
            Qwen3Batch b = ((Qwen3Sequence) sequences[done]).batch;
            int n = Math.min(b.capacity, count - done);
            try {
                for (int t = 0; t < n; t++) {
                    Qwen3Sequence s = (Qwen3Sequence) sequences[done + t];
                    b.row(t, tokens[done + t], s, s.length);
                }
                b.decodeStep = true;
                forward(b, n);
                b.ensureHead(n, hidden, vocab);
                for (int t = 0; t < n; t++) {
                    RmsNorm.apply(b.x, t * hidden, weights.outputNorm(), config.rmsEps(), b.headIn, t * hidden, hidden);
                }
                b.head[0] = b.headOut;
                ops.matVecs(output, b.headIn, n, b.head);
                for (int t = 0; t < n; t++) {
                    Qwen3Sequence s = (Qwen3Sequence) sequences[done + t];
                    System.arraycopy(b.headOut, t * vocab, s.logits, 0, vocab);
                    logits[done + t] = s.logits;
                }
            } finally {
                b.clear(n);
            }
            done += n;
        }
    }

    /**
     * Runs the batch's {@code n} rows through every layer, leaving their hidden states in
     * {@code b.x}, their keys and values in their sequences' caches, and each sequence one
     * position longer per row.
     */
    void forward(Qwen3Batch b, int n) {
        Qwen3Config c = config;
        int hidden = c.hidden();
        int qDim = c.qDim();
        int kvDim = c.kvDim();
        int headDim = c.headDim();
        float eps = c.rmsEps();

        for (int t = 0; t < n; t++) {
            embed(b.tokens[t], b.x, t * hidden);
        }
        for (int l = 0; l < c.layers(); l++) {
            Qwen3Weights.Layer layer = weights.layers()[l];

            // attention: norm → Q, K, V → per-head Q/K norm → RoPE → causal GQA → output projection
            for (int t = 0; t < n; t++) {
                RmsNorm.apply(b.x, t * hidden, layer.attnNorm(), eps, b.xb, t * hidden, hidden);
            }
            multiply(b, qkv[l], b.xb, n, b.qkv);
            for (int t = 0; t < n; t++) {
                Qwen3Sequence s = b.sequences[t];
                int pos = b.positions[t];
                for (int h = 0; h < c.heads(); h++) {
                    int off = t * qDim + h * headDim;
                    RmsNorm.apply(b.q, off, layer.qNorm(), eps, b.q, off, headDim);
                }
                for (int h = 0; h < c.kvHeads(); h++) {
                    int off = t * kvDim + h * headDim;
                    RmsNorm.apply(b.k, off, layer.kNorm(), eps, b.k, off, headDim);
                }
                s.rope.rotate(b.q, t * qDim, c.heads(), pos);
                s.rope.rotate(b.k, t * kvDim, c.kvHeads(), pos);
                s.cache.store(l, pos, b.k, t * kvDim, b.v, t * kvDim);
                b.attention.row(t, s.cache, l, pos);
            }
            b.attention.run(b.q, b.attnOut, n);
            multiply(b, wo[l], b.attnOut, n, b.projOut);
            Vectors.add(b.x, 0, b.proj, 0, n * hidden);

            // feed-forward: norm → SwiGLU(gate, up) → down projection
            for (int t = 0; t < n; t++) {
                RmsNorm.apply(b.x, t * hidden, layer.ffnNorm(), eps, b.xb, t * hidden, hidden);
            }
            multiply(b, gateUp[l], b.xb, n, b.gateUp);
            SwiGlu.apply(b.gate, b.up, n * c.ffn());
            multiply(b, down[l], b.gate, n, b.projOut);
            Vectors.add(b.x, 0, b.proj, 0, n * hidden);
        }
        for (int t = 0; t < n; t++) {
            b.sequences[t].length = b.positions[t] + 1;
        }
    }

    /**
     * ys[i] = x·ws[i]ᵀ for the batch's n rows: a decode step gives every row the bits of its own
     * matVec (a sequence's output must not depend on who shares its step); a prompt chunk takes
     * the matrix-matrix kernel.
     */
    private void multiply(Qwen3Batch b, Matrix[] ws, float[] x, int n, float[][] ys) {
        if (b.decodeStep) {
            ops.matVecs(ws, x, n, ys);
        } else {
            ops.matMul(ws, x, n, ys);
        }
    }

    private void embed(int token, float[] x, int xOff) {
        Linear table = weights.tokenEmbedding();
        long rowBytes = table.matrix().rowBytes();
        QuantFormats.of(table.matrix().type()).dequantizeRow(table.matrix().data(), token * rowBytes, x, xOff, table.cols());
    }
}
