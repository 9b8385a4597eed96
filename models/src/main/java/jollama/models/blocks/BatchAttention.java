package jollama.models.blocks;

import jollama.quant.ParallelPool;
import jollama.quant.ParallelTask;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link Attention} for every head of every row of a batch, spread over a {@link ParallelPool}.
 * A row is one query position of one sequence; rows of a batch may belong to different
 * sequences (batched decode), so each row names its own key/value arrays and position.
 * Reused from call to call: nothing is allocated once the scratch has grown to the longest context.
 */
public final class BatchAttention implements ParallelTask {

    /** Below this many multiply-adds the heads run on the caller: dispatch would cost more. */
    private static final long SERIAL_WORK = 32_768;

    private final Attention attention;
    private final ParallelPool pool;
    private final int qDim;
    private final short[][] keys;
    private final short[][] values;
    private final int[] positions;
    private final int[] headStrides;
    private final float[][] scores;
    private final AtomicInteger next = new AtomicInteger();
    private float[] q;
    private float[] out;
    private int rows;

    /** For batches of up to {@code maxRows} rows. */
    public BatchAttention(Attention attention, ParallelPool pool, int maxRows) {
        this.attention = attention;
        this.pool = pool;
        this.qDim = attention.heads() * attention.headDim();
        this.keys = new short[maxRows][];
        this.values = new short[maxRows][];
        this.positions = new int[maxRows];
        this.headStrides = new int[maxRows];
        this.scores = new float[pool.threads()][];
    }

    /** Row {@code row} attends at {@code position} over one layer of its sequence's cache. */
    public void row(int row, KVCache cache, int layer, int position) {
        keys[row] = cache.keys(layer);
        values[row] = cache.values(layer);
        headStrides[row] = cache.headStride();
        positions[row] = position;
    }

    /**
     * Attention of rows {@code 0..rows-1}: queries {@code q[row · qDim ..]}, outputs to
     * {@code out[row · qDim ..]}.
     */
    public void run(float[] q, float[] out, int rows) {
        this.q = q;
        this.out = out;
        this.rows = rows;
        long work = 0;
        for (int r = 0; r < rows; r++) {
            work += (long) (positions[r] + 1) * qDim * 2;
        }
        next.set(0);
        try {
            if (work < SERIAL_WORK || pool.threads() == 1) {
                run(0, 1);
            } else {
                pool.run(this);
            }
        } finally {
            this.q = null;
            this.out = null;
            java.util.Arrays.fill(keys, 0, rows, null);
            java.util.Arrays.fill(values, 0, rows, null);
        }
    }

    @Override
    public void run(int worker, int workers) {
        int heads = attention.heads();
        int headDim = attention.headDim();
        int items = rows * heads;
        float[] s = scores[worker];
        for (int i = next.getAndIncrement(); i < items; i = next.getAndIncrement()) {
            int row = i / heads;
            int head = i % heads;
            int pos = positions[row];
            if (s == null || s.length <= pos) {
                s = scores[worker] = new float[Math.max(pos + 1, 1024)]; // grows with the context, then stays
            }
            int off = row * qDim + head * headDim;
            attention.attend(head, q, off, keys[row], values[row], headStrides[row], pos, s, out, off);
        }
    }
}
