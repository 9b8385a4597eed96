package jollama.engine.sampling;

/**
 * The tokens still in play during one sampling step: token ids and one float each (a logit before
 * {@link Transforms#softmax}, a probability after). Arrays are allocated once per sampler and
 * reused for every token.
 *
 * <p>{@link #sortedPrefix} records how many leading entries are known to be sorted descending and
 * at least as large as every later entry, so top-p can sort only as much as it needs.
 */
final class Candidates {
    final int[] ids;
    final float[] values;
    int size;
    int sortedPrefix;

    Candidates(int capacity) {
        ids = new int[capacity];
        values = new float[capacity];
    }

    /** Loads every token {@code 0..n-1}, unsorted. */
    void loadAll(float[] logits, int n) {
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        System.arraycopy(logits, 0, values, 0, n);
        size = n;
        sortedPrefix = 0;
    }

    /**
     * Loads the {@code k} largest of {@code logits[0..n)} sorted descending, with a bounded
     * min-heap: one pass over the vocabulary and, for typical logits, few heap updates.
     */
    void loadTopK(float[] logits, int n, int k) {
        size = 0;
        for (int i = 0; i < n; i++) {
            float v = logits[i];
            if (size < k) {
                ids[size] = i;
                values[size] = v;
                siftUp(size++);
            } else if (v > values[0]) {
                ids[0] = i;
                values[0] = v;
                siftDown(0, size);
            }
        }
        // Heap sort: moving the minimum to the end each time leaves the array descending.
        for (int end = size - 1; end > 0; end--) {
            swap(0, end);
            siftDown(0, end);
        }
        sortedPrefix = size;
    }

    /** Makes the first {@code min(m, size)} entries sorted (see {@link #sortedPrefix}). */
    void ensureSorted(int m) {
        sortedPrefix = CandidateOrder.growSortedPrefix(values, ids, null, sortedPrefix, size, m);
    }

    /** Drops everything after the first {@code n} entries. */
    void truncate(int n) {
        size = n;
        sortedPrefix = Math.min(sortedPrefix, n);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (values[parent] <= values[i]) {
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
            if (child + 1 < end && values[child + 1] < values[child]) {
                child++;
            }
            if (values[i] <= values[child]) {
                return;
            }
            swap(i, child);
            i = child;
        }
    }

    private void swap(int i, int j) {
        float v = values[i];
        values[i] = values[j];
        values[j] = v;
        int id = ids[i];
        ids[i] = ids[j];
        ids[j] = id;
    }
}
