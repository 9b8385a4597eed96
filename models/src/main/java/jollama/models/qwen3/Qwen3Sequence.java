package jollama.models.qwen3;

import jollama.models.ContextOverflowException;
import jollama.models.Sequence;
import jollama.models.blocks.KVCache;
import jollama.models.blocks.RmsNorm;
import jollama.models.blocks.Rope;

/**
 * One Qwen3 sequence: its KV cache, its logits and a {@link Qwen3Batch} of activation buffers,
 * allocated once, so that evaluating tokens allocates nothing. Prompts are evaluated in chunks of
 * up to {@link #BATCH} tokens, each weight matrix applied to the whole chunk at once.
 */
final class Qwen3Sequence implements Sequence {

    /**
     * Rows per forward pass. The matrix kernels work through 64 tokens at a time, so longer chunks
     * gain little, while the activations of a chunk are the largest allocation after the KV cache.
     */
    static final int BATCH = 128;

    final Qwen3 model;
    final KVCache cache;
    final Rope rope;
    final Qwen3Batch batch;
    final float[] logits;
    private final Qwen3Config c;
    private final float[] last;
    int length;

    Qwen3Sequence(Qwen3 model, int capacity, Rope rope) {
        this.model = model;
        this.c = model.config;
        this.cache = new KVCache(c.layers(), capacity, c.kvHeads(), c.headDim());
        this.rope = rope;
        this.batch = new Qwen3Batch(model, BATCH);
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
        checkAppend(tokens, offset, count);
        int n = 0;
        for (int done = 0; done < count; done += n) {
            n = Math.min(BATCH, count - done);
            forwardChunk(tokens, offset + done, n);
        }
        // Only the last position's logits are needed: the output head runs once, not per token.
        int hidden = c.hidden();
        RmsNorm.apply(batch.x, (n - 1) * hidden, model.weights.outputNorm(), c.rmsEps(), last, 0, hidden);
        model.ops.matVec(model.weights.output().matrix(), last, logits);
        return logits;
    }

    @Override
    public void appendHidden(int[] tokens, int offset, int count, float[] out) {
        checkAppend(tokens, offset, count);
        int hidden = c.hidden();
        for (int done = 0; done < count; ) {
            int n = Math.min(BATCH, count - done);
            forwardChunk(tokens, offset + done, n);
            for (int t = 0; t < n; t++) {
                RmsNorm.apply(batch.x, t * hidden, model.weights.outputNorm(), c.rmsEps(), out, (done + t) * hidden, hidden);
            }
            done += n;
        }
    }

    /** Refuses bad input before anything is evaluated, so that a failure leaves the sequence as it was. */
    void checkAppend(int[] tokens, int offset, int count) {
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

    /** {@code n ≤ BATCH} consecutive tokens of this sequence through the model. */
    private void forwardChunk(int[] tokens, int offset, int n) {
        try {
            for (int t = 0; t < n; t++) {
                batch.row(t, tokens[offset + t], this, length + t);
            }
            model.forward(batch, n);
        } finally {
            batch.clear(n);
        }
    }
}
