package jollama.engine.sampling;

/**
 * Allocation-free partial selection and sorting of parallel arrays, descending by a float key.
 * {@code ids} (and {@code aux} when not null) are permuted together with {@code key}.
 *
 * <p>Partitions are three-way because softmax over a large vocabulary underflows many
 * probabilities to exactly 0; a two-way quicksort would go quadratic on those runs of equal keys.
 */
final class CandidateOrder {
    private static final int INSERTION_SORT_MAX = 16;

    private CandidateOrder() {
    }

    /**
     * Rearranges {@code [lo, hi)} so that its {@code count} largest keys occupy
     * {@code [lo, lo + count)}, in no particular order. Expected O(hi - lo).
     */
    static void selectTop(float[] key, int[] ids, float[] aux, int lo, int hi, int count) {
        int target = lo + count;
        while (hi - lo > 1 && target > lo && target < hi) {
            float pivot = medianOfThree(key[lo], key[(lo + hi) >>> 1], key[hi - 1]);
            // After the pass: [lo, lt) > pivot, [lt, gt) == pivot, [gt, hi) < pivot.
            int lt = lo;
            int i = lo;
            int gt = hi;
            while (i < gt) {
                float k = key[i];
                if (k > pivot) {
                    swap(key, ids, aux, lt++, i++);
                } else if (k < pivot) {
                    swap(key, ids, aux, i, --gt);
                } else {
                    i++;
                }
            }
            if (target < lt) {
                hi = lt;
            } else if (target > gt) {
                lo = gt;
            } else {
                return; // the boundary falls inside the run equal to the pivot
            }
        }
    }

    /** Sorts {@code [lo, hi)} descending by key. */
    static void sortDescending(float[] key, int[] ids, float[] aux, int lo, int hi) {
        while (hi - lo > INSERTION_SORT_MAX) {
            float pivot = medianOfThree(key[lo], key[(lo + hi) >>> 1], key[hi - 1]);
            int lt = lo;
            int i = lo;
            int gt = hi;
            while (i < gt) {
                float k = key[i];
                if (k > pivot) {
                    swap(key, ids, aux, lt++, i++);
                } else if (k < pivot) {
                    swap(key, ids, aux, i, --gt);
                } else {
                    i++;
                }
            }
            // Recurse into the smaller side and loop on the larger to keep the stack O(log n).
            if (lt - lo < hi - gt) {
                sortDescending(key, ids, aux, lo, lt);
                lo = gt;
            } else {
                sortDescending(key, ids, aux, gt, hi);
                hi = lt;
            }
        }
        insertionSort(key, ids, aux, lo, hi);
    }

    /**
     * Extends a sorted prefix: {@code [0, sorted)} is sorted descending and no smaller than any key
     * in {@code [sorted, size)}. Afterwards the same holds for {@code [0, min(want, size))}.
     *
     * @return the new sorted length
     */
    static int growSortedPrefix(float[] key, int[] ids, float[] aux, int sorted, int size, int want) {
        int end = Math.min(want, size);
        if (end <= sorted) {
            return sorted;
        }
        selectTop(key, ids, aux, sorted, size, end - sorted);
        sortDescending(key, ids, aux, sorted, end);
        return end;
    }

    private static void insertionSort(float[] key, int[] ids, float[] aux, int lo, int hi) {
        for (int i = lo + 1; i < hi; i++) {
            float k = key[i];
            int id = ids[i];
            float a = aux == null ? 0f : aux[i];
            int j = i - 1;
            while (j >= lo && key[j] < k) {
                key[j + 1] = key[j];
                ids[j + 1] = ids[j];
                if (aux != null) {
                    aux[j + 1] = aux[j];
                }
                j--;
            }
            key[j + 1] = k;
            ids[j + 1] = id;
            if (aux != null) {
                aux[j + 1] = a;
            }
        }
    }

    private static float medianOfThree(float a, float b, float c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    private static void swap(float[] key, int[] ids, float[] aux, int i, int j) {
        float k = key[i];
        key[i] = key[j];
        key[j] = k;
        int id = ids[i];
        ids[i] = ids[j];
        ids[j] = id;
        if (aux != null) {
            float a = aux[i];
            aux[i] = aux[j];
            aux[j] = a;
        }
    }
}
