package jollama.models.qwen3;

import jollama.models.blocks.BatchAttention;

/**
 * The rows of one forward pass and every activation buffer they need, allocated once per
 * sequence. A row is one token at one position of one sequence: a prompt chunk fills the rows
 * with consecutive positions of a single sequence, a batched decode step with one new token of
 * each of several sequences. Buffers are token-major: row t of x is {@code x[t · hidden ..]}.
 */
final class Qwen3Batch {

    final int capacity;
    final int[] tokens;
    final Qwen3Sequence[] sequences;
    final int[] positions;

    final float[] x;
    final float[] xb;
    final float[] q;
    final float[] k;
    final float[] v;
    final float[] attnOut;
    final float[] proj;
    final float[] gate;
    final float[] up;
    /** {q, k, v} and {gate, up}: the outputs of the fused single-row projections. */
    final float[][] qkv;
    final float[][] gateUp;
    /** {proj}: the output of the attention and down projections. */
    final float[][] projOut;
    /** Whether the rows are one new token of each of several sequences (a decode step), not a prompt chunk. */
    boolean decodeStep;
    final BatchAttention attention;

    /** Final-normed rows and their logits when several sequences want theirs (batched decode). */
    float[] headIn = new float[0];
    float[] headOut = new float[0];
    final float[][] head = new float[1][];

    Qwen3Batch(Qwen3 model, int capacity) {
        Qwen3Config c = model.config;
        this.capacity = capacity;
        this.tokens = new int[capacity];
        this.sequences = new Qwen3Sequence[capacity];
        this.positions = new int[capacity];
        this.x = new float[capacity * c.hidden()];
        this.xb = new float[capacity * c.hidden()];
        this.q = new float[capacity * c.qDim()];
        this.k = new float[capacity * c.kvDim()];
        this.v = new float[capacity * c.kvDim()];
        this.attnOut = new float[capacity * c.qDim()];
        this.proj = new float[capacity * c.hidden()];
        this.gate = new float[capacity * c.ffn()];
        this.up = new float[capacity * c.ffn()];
        this.qkv = new float[][] {q, k, v};
        this.gateUp = new float[][] {gate, up};
        this.projOut = new float[][] {proj};
        this.attention = new BatchAttention(model.attention, model.ops.pool(), capacity);
    }

    /** Row {@code row} is {@code token} at {@code position} of {@code sequence}. */
    void row(int row, int token, Qwen3Sequence sequence, int position) {
        tokens[row] = token;
        sequences[row] = sequence;
        positions[row] = position;
    }

    /** Room for {@code rows} rows of the output head's input and logits (grows once per larger decode batch). */
    void ensureHead(int rows, int hidden, int vocab) {
        if (headIn.length < rows * hidden) {
            headIn = new float[rows * hidden];
            headOut = new float[Math.multiplyExact(rows, vocab)];
        }
    }

    /** Drops the references to sequences, so a finished batch keeps none alive. */
    void clear(int rows) {
        java.util.Arrays.fill(sequences, 0, rows, null);
        decodeStep = false;
    }
}
