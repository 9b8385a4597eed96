package jollama.models.qwen3;

import jollama.models.ContextOverflowException;
import jollama.models.Sequence;
import jollama.models.blocks.KVCache;
import jollama.models.blocks.Linear;
import jollama.models.blocks.RmsNorm;
import jollama.models.blocks.Rope;
import jollama.models.blocks.SwiGlu;
import jollama.models.blocks.Vectors;
import jollama.quant.QuantFormats;

/**
 * One Qwen3 sequence: its KV cache and every activation buffer, allocated once, so that
 * evaluating tokens allocates nothing. Prompts are evaluated in batches of up to
 * {@link #BATCH} tokens, each weight matrix applied to the whole batch at once.
 */
final class Qwen3Sequence implements Sequence {

    static final int BATCH = 512;

    private final Qwen3 model;
    private final Qwen3Config c;
    private final KVCache cache;
    private final Rope rope;
    private int length;

    // Activations of a batch, token-major: row t of x is x[t * hidden ..].
    private final float[] x;
    private final float[] xb;
    private final float[] q;
    private final float[] k;
    private final float[] v;
    private final float[] attnOut;
    private final float[] proj;
    private final float[] gate;
    private final float[] up;
    private final float[] scores;
    private final float[] last;
    private final float[] logits;

    Qwen3Sequence(Qwen3 model, int capacity) {
        this.model = model;
        this.c = model.config;
        this.cache = new KVCache(c.layers(), capacity, c.kvDim());
        this.rope = new Rope(c.headDim(), capacity, c.ropeBase());
        this.x = new float[BATCH * c.hidden()];
        this.xb = new float[BATCH * c.hidden()];
        this.q = new float[BATCH * c.qDim()];
        this.k = new float[BATCH * c.kvDim()];
        this.v = new float[BATCH * c.kvDim()];
        this.attnOut = new float[BATCH * c.qDim()];
        this.proj = new float[BATCH * c.hidden()];
        this.gate = new float[BATCH * c.ffn()];
        this.up = new float[BATCH * c.ffn()];
        this.scores = new float[capacity];
        this.last = new float[c.hidden()];
        this.logits = new float[c.vocab()];
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public int capacity() {
        return cache.capacity();
    }

    @Override
    public void truncate(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new IllegalArgumentException("cannot truncate a sequence of " + length + " to " + newLength);
        }
        length = newLength;
    }

    @Override
    public float[] append(int[] tokens, int offset, int count) {
        check(tokens, offset, count);
        for (int done = 0; done < count; ) {
            int n = Math.min(BATCH, count - done);
            forward(tokens, offset + done, n);
            done += n;
        }
        // Only the last position's logits are needed: the output head runs once, not per token.
        int hidden = c.hidden();
        int lastRow = ((count - 1) % BATCH) * hidden;
        RmsNorm.apply(x, lastRow, model.weights.outputNorm(), c.rmsEps(), last, 0, hidden);
        model.ops.matVec(model.weights.output().matrix(), last, logits);
        return logits;
    }

    @Override
    public void appendHidden(int[] tokens, int offset, int count, float[] out) {
        check(tokens, offset, count);
        int hidden = c.hidden();
        for (int done = 0; done < count; ) {
            int n = Math.min(BATCH, count - done);
            forward(tokens, offset + done, n);
            for (int t = 0; t < n; t++) {
                RmsNorm.apply(x, t * hidden, model.weights.outputNorm(), c.rmsEps(), out, (done + t) * hidden, hidden);
            }
            done += n;
        }
    }

    /** Refuses bad input before anything is evaluated, so that a failure leaves the sequence as it was. */
    private void check(int[] tokens, int offset, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("nothing to evaluate");
        }
        if (length + count > cache.capacity()) {
            throw new ContextOverflowException(length, count, cache.capacity());
        }
        for (int i = offset; i < offset + count; i++) {
            if (tokens[i] < 0 || tokens[i] >= c.vocab()) {
                throw new IllegalArgumentException("token id " + tokens[i] + " is outside the vocabulary of " + c.vocab());
            }
        }
    }

    /** Runs {@code n ≤ BATCH} tokens through every layer, leaving their hidden states in {@code x}. */
    private void forward(int[] tokens, int offset, int n) {
        int hidden = c.hidden();
        int qDim = c.qDim();
        int kvDim = c.kvDim();
        int headDim = c.headDim();
        float eps = c.rmsEps();
        Qwen3Weights w = model.weights;

        for (int t = 0; t < n; t++) {
            embed(tokens[offset + t], t * hidden);
        }
        for (int l = 0; l < c.layers(); l++) {
            Qwen3Weights.Layer layer = w.layers()[l];

            // attention: norm → Q, K, V → per-head Q/K norm → RoPE → causal GQA → output projection
            for (int t = 0; t < n; t++) {
                RmsNorm.apply(x, t * hidden, layer.attnNorm(), eps, xb, t * hidden, hidden);
            }
            multiply(layer.wq(), xb, n, q);
            multiply(layer.wk(), xb, n, k);
            multiply(layer.wv(), xb, n, v);
            for (int t = 0; t < n; t++) {
                int pos = length + t;
                for (int h = 0; h < c.heads(); h++) {
                    int off = t * qDim + h * headDim;
                    RmsNorm.apply(q, off, layer.qNorm(), eps, q, off, headDim);
                }
                for (int h = 0; h < c.kvHeads(); h++) {
                    int off = t * kvDim + h * headDim;
                    RmsNorm.apply(k, off, layer.kNorm(), eps, k, off, headDim);
                }
                rope.rotate(q, t * qDim, c.heads(), pos);
                rope.rotate(k, t * kvDim, c.kvHeads(), pos);
                cache.store(l, pos, k, t * kvDim, v, t * kvDim);
            }
            float[] keys = cache.keys(l);
            float[] values = cache.values(l);
            for (int t = 0; t < n; t++) {
                for (int h = 0; h < c.heads(); h++) {
                    int off = t * qDim + h * headDim;
                    model.attention.attend(h, q, off, keys, values, kvDim, length + t, scores, attnOut, off);
                }
            }
            multiply(layer.wo(), attnOut, n, proj);
            Vectors.add(x, 0, proj, 0, n * hidden);

            // feed-forward: norm → SwiGLU(gate, up) → down projection
            for (int t = 0; t < n; t++) {
                RmsNorm.apply(x, t * hidden, layer.ffnNorm(), eps, xb, t * hidden, hidden);
            }
            multiply(layer.gate(), xb, n, gate);
            multiply(layer.up(), xb, n, up);
            SwiGlu.apply(gate, up, n * c.ffn());
            multiply(layer.down(), gate, n, proj);
            Vectors.add(x, 0, proj, 0, n * hidden);
        }
        length += n;
    }

    private void embed(int token, int xOff) {
        Linear table = model.weights.tokenEmbedding();
        long rowBytes = table.matrix().type().byteSize(table.cols());
        QuantFormats.of(table.matrix().type()).dequantizeRow(table.matrix().data(), token * rowBytes, x, xOff, table.cols());
    }

    private void multiply(Linear w, float[] in, int n, float[] out) {
        if (n == 1) {
            model.ops.matVec(w.matrix(), in, out);
        } else {
            model.ops.matMul(w.matrix(), in, n, out);
        }
    }
}
