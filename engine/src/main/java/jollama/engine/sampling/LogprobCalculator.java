package jollama.engine.sampling;

import java.util.ArrayList;
import java.util.List;

/**
 * Log-softmax of the raw logits for the chosen token and the top-N alternatives. Two passes over
 * the vocabulary (maximum, then log-sum-exp and a bounded min-heap for the top N); no allocation
 * unless {@link #snapshot()} is called. Reusable, not thread-safe.
 */
public final class LogprobCalculator {
    /** Ollama rejects top_logprobs above 20. */
    public static final int MAX_TOP = 20;

    private final int[] topIds = new int[MAX_TOP];
    private final float[] topLogits = new float[MAX_TOP];
    private final float[] topLogprobs = new float[MAX_TOP];
    private int topCount;
    private int chosenId;
    private float chosenLogprob;

    /**
     * @param logits    unmodified model output for this position
     * @param vocabSize number of meaningful entries in {@code logits}
     * @param chosen    the token that was sampled
     * @param topN      alternatives wanted, 0..{@value #MAX_TOP}
     */
    public void compute(float[] logits, int vocabSize, int chosen, int topN) {
        if (topN < 0 || topN > MAX_TOP) {
            throw new IllegalArgumentException("top_logprobs must be between 0 and " + MAX_TOP);
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < vocabSize; i++) {
            max = Math.max(max, logits[i]);
        }
        double sum = 0;
        topCount = 0;
        for (int i = 0; i < vocabSize; i++) {
            float v = logits[i];
            sum += Math.exp(v - max);
            if (topCount < topN) {
                topIds[topCount] = i;
                topLogits[topCount] = v;
                siftUp(topCount++);
            } else if (topN > 0 && v > topLogits[0]) {
                // Strictly greater: on ties the lower token id, seen first, stays.
                topIds[0] = i;
                topLogits[0] = v;
                siftDown(0, topCount);
            }
        }
        // log p = (logit - max) - ln(sum); never form max + ln(sum) in float, which would round
        // away the small part when logits are large.
        double logSum = Math.log(sum);
        for (int end = topCount - 1; end > 0; end--) {
            swap(0, end);
            siftDown(0, end);
        }
        for (int r = 0; r < topCount; r++) {
            topLogprobs[r] = (float) ((topLogits[r] - max) - logSum);
        }
        chosenId = chosen;
        chosenLogprob = (float) ((logits[chosen] - max) - logSum);
    }

    public float chosenLogprob() {
        return chosenLogprob;
    }

    public int topCount() {
        return topCount;
    }

    /** Token id of the alternative at {@code rank} (0 = most likely). */
    public int topTokenId(int rank) {
        return topIds[rank];
    }

    public float topLogprob(int rank) {
        return topLogprobs[rank];
    }

    /** An immutable copy of the last result, for callers that keep it. */
    public TokenLogprobs snapshot() {
        List<TokenLogprob> top = new ArrayList<>(topCount);
        for (int r = 0; r < topCount; r++) {
            top.add(new TokenLogprob(topIds[r], topLogprobs[r]));
        }
        return new TokenLogprobs(new TokenLogprob(chosenId, chosenLogprob), top);
    }

    /** Heap order: root is the worst kept entry (smallest logit, then largest id). */
    private boolean worse(int a, int b) {
        return topLogits[a] < topLogits[b] || (topLogits[a] == topLogits[b] && topIds[a] > topIds[b]);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!worse(i, parent)) {
                return;
            }
            swap(parent, i);
            i = parent;
        }
    }

    private void siftDown(int i, int end) {
        while (true) {
            int child = 2 * i + 1;
            if (child >= end) {
                return;
            }
            if (child + 1 < end && worse(child + 1, child)) {
                child++;
            }
            if (!worse(child, i)) {
                return;
            }
            swap(i, child);
            i = child;
        }
    }

    private void swap(int i, int j) {
        int id = topIds[i];
        topIds[i] = topIds[j];
        topIds[j] = id;
        float v = topLogits[i];
        topLogits[i] = topLogits[j];
        topLogits[j] = v;
    }
}
