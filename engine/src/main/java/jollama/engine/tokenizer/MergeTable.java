package jollama.engine.tokenizer;

import java.util.List;

/**
 * BPE merge ranks keyed by the pair of token ids they join, with the id of the joined token.
 * An open-addressing table of primitive longs: the lookup sits in the innermost loop of encoding,
 * where a {@code HashMap<String, Integer>} would allocate and hash strings on every probe.
 */
final class MergeTable {

    /** What {@link #find} answers for a pair that no merge joins. */
    static final long NO_MERGE = -1L;

    private static final long EMPTY = -1L;

    private final long[] keys;
    private final long[] values;
    private final int mask;
    private final int size;

    /**
     * @param merges     "left right" by rank, as GGUF stores them
     * @param vocabulary where the parts and the joined token are looked up; a merge naming a text
     *                   that is no token can never apply to token ids and is left out
     */
    MergeTable(List<String> merges, Vocabulary vocabulary) {
        int capacity = Integer.highestOneBit(Math.max(4, merges.size() * 2 + 1)) << 1;
        keys = new long[capacity];
        values = new long[capacity];
        java.util.Arrays.fill(keys, EMPTY);
        mask = capacity - 1;
        int stored = 0;
        for (int rank = 0; rank < merges.size(); rank++) {
            String merge = merges.get(rank);
            // Searching from 1 as llama.cpp does, so that a left part that is itself a space survives.
            int space = merge.indexOf(' ', 1);
            if (space < 0) {
                throw new IllegalArgumentException("merge " + rank + " is not \"left right\": " + merge);
            }
            String left = merge.substring(0, space);
            String right = merge.substring(space + 1);
            int leftId = vocabulary.id(left);
            int rightId = vocabulary.id(right);
            int joinedId = vocabulary.id(left + right);
            if (leftId < 0 || rightId < 0 || joinedId < 0) {
                continue;
            }
            if (put(pairKey(leftId, rightId), ((long) rank << 32) | joinedId)) {
                stored++;
            }
        }
        size = stored;
    }

    int size() {
        return size;
    }

    /**
     * The merge joining two adjacent tokens, as {@code rank << 32 | joinedId}, or {@link #NO_MERGE}.
     * Comparing packed values compares ranks, since ranks are unique.
     */
    long find(int leftId, int rightId) {
        long key = pairKey(leftId, rightId);
        for (int slot = slot(key); ; slot = (slot + 1) & mask) {
            long k = keys[slot];
            if (k == key) {
                return values[slot];
            }
            if (k == EMPTY) {
                return NO_MERGE;
            }
        }
    }

    static int rank(long merge) {
        return (int) (merge >>> 32);
    }

    static int joinedId(long merge) {
        return (int) merge;
    }

    /** Keeps the first (best ranked) merge of a pair that appears twice. */
    private boolean put(long key, long value) {
        for (int slot = slot(key); ; slot = (slot + 1) & mask) {
            if (keys[slot] == key) {
                return false;
            }
            if (keys[slot] == EMPTY) {
                keys[slot] = key;
                values[slot] = value;
                return true;
            }
        }
    }

    private static long pairKey(int leftId, int rightId) {
        return ((long) leftId << 32) | (rightId & 0xFFFFFFFFL);
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29)) & mask;
    }
}
