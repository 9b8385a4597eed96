package jollama.engine.tokenizer;

/**
 * Byte-level BPE on one pre-token: starts from one token per byte and keeps applying the best ranked
 * merge among adjacent pairs (leftmost on ties) until none applies, as llama.cpp and Hugging Face do.
 *
 * <p>Symbols live in a doubly linked list over arrays and candidate pairs in a binary min-heap of
 * {@code rank << 32 | leftPosition}, so a word of n bytes costs O(n log n) rather than a rescan per
 * merge. Heap entries are not removed when a neighbour merges; a popped entry is checked instead
 * against the pair that is now at its position.
 */
final class BpeWordEncoder {

    private static final int MERGED_AWAY = -1;
    private static final int NONE = -1;

    private final MergeTable merges;
    private final int[] tokenIdByByte;

    BpeWordEncoder(MergeTable merges, int[] tokenIdByByte) {
        this.merges = merges;
        this.tokenIdByByte = tokenIdByByte;
    }

    void encode(byte[] word, TokenIdList out) {
        int n = word.length;
        if (n == 1) {
            out.add(tokenIdByByte[word[0] & 0xFF]);
            return;
        }
        int[] ids = new int[n];
        int[] prev = new int[n];
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = tokenIdByByte[word[i] & 0xFF];
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : NONE;
        }
        PairHeap heap = new PairHeap(3 * n);
        for (int i = 0; i + 1 < n; i++) {
            offer(heap, ids, i, i + 1);
        }
        while (!heap.isEmpty()) {
            long entry = heap.poll();
            int rank = (int) (entry >>> 32);
            int left = (int) entry;
            int right = next[left];
            if (ids[left] == MERGED_AWAY || right == NONE) {
                continue;
            }
            long merge = merges.find(ids[left], ids[right]);
            if (merge == MergeTable.NO_MERGE || MergeTable.rank(merge) != rank) {
                continue; // stale: a neighbour merged since this pair was offered
            }
            ids[left] = MergeTable.joinedId(merge);
            ids[right] = MERGED_AWAY;
            next[left] = next[right];
            if (next[left] != NONE) {
                prev[next[left]] = left;
            }
            if (prev[left] != NONE) {
                offer(heap, ids, prev[left], left);
            }
            if (next[left] != NONE) {
                offer(heap, ids, left, next[left]);
            }
        }
        for (int i = 0; i != NONE; i = next[i]) {
            out.add(ids[i]);
        }
    }

    private void offer(PairHeap heap, int[] ids, int left, int right) {
        long merge = merges.find(ids[left], ids[right]);
        if (merge != MergeTable.NO_MERGE) {
            heap.add(((long) MergeTable.rank(merge) << 32) | left);
        }
    }

    /** Min-heap of longs; ordering by value orders by rank, then by left position. */
    private static final class PairHeap {
        private long[] heap;
        private int size;

        PairHeap(int capacity) {
            heap = new long[Math.max(capacity, 4)];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void add(long value) {
            if (size == heap.length) {
                heap = java.util.Arrays.copyOf(heap, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (heap[parent] <= value) {
                    break;
                }
                heap[i] = heap[parent];
                i = parent;
            }
            heap[i] = value;
        }

        long poll() {
            long top = heap[0];
            long last = heap[--size];
            int i = 0;
            int half = size >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                if (child + 1 < size && heap[child + 1] < heap[child]) {
                    child++;
                }
                if (last <= heap[child]) {
                    break;
                }
                heap[i] = heap[child];
                i = child;
            }
            heap[i] = last;
            return top;
        }
    }
}
