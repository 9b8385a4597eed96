package jollama.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CandidateOrderTest {
    /** Keys drawn from few distinct values, so long runs of equal keys occur (as underflowed probabilities do). */
    private static float[] keysWithDuplicates(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] k = new float[n];
        for (int i = 0; i < n; i++) {
            k[i] = r.nextInt(4) == 0 ? 0f : r.nextInt(50) / 7f;
        }
        return k;
    }

    private static int[] identity(int n) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        return ids;
    }

    private static float[] descending(float[] keys) {
        float[] s = keys.clone();
        Arrays.sort(s);
        for (int i = 0, j = s.length - 1; i < j; i++, j--) {
            float t = s[i];
            s[i] = s[j];
            s[j] = t;
        }
        return s;
    }

    @Test
    void selectTopGathersTheLargestKeysAndKeepsIdsPaired() {
        for (int count : new int[] {0, 1, 7, 64, 500, 999, 1000}) {
            float[] original = keysWithDuplicates(1000, count);
            float[] key = original.clone();
            int[] ids = identity(1000);
            CandidateOrder.selectTop(key, ids, null, 0, key.length, count);

            float[] front = Arrays.copyOf(key, count);
            assertArrayEquals(Arrays.copyOf(descending(original), count), descending(front), "count " + count);
            for (int i = 0; i < key.length; i++) {
                assertEquals(original[ids[i]], key[i], "id must travel with its key");
            }
        }
    }

    @Test
    void sortDescendingSortsAndPermutesAux() {
        float[] original = keysWithDuplicates(3000, 11);
        float[] key = original.clone();
        float[] aux = new float[key.length];
        for (int i = 0; i < aux.length; i++) {
            aux[i] = i * 0.5f;
        }
        int[] ids = identity(key.length);
        CandidateOrder.sortDescending(key, ids, aux, 0, key.length);
        assertArrayEquals(descending(original), key);
        for (int i = 0; i < key.length; i++) {
            assertEquals(original[ids[i]], key[i]);
            assertEquals(ids[i] * 0.5f, aux[i]);
        }
    }

    @Test
    void growSortedPrefixExtendsStepByStep() {
        float[] original = keysWithDuplicates(2000, 5);
        float[] key = original.clone();
        int[] ids = identity(key.length);
        float[] expected = descending(original);
        int sorted = 0;
        for (int want : new int[] {64, 128, 256, 1500, 5000}) {
            sorted = CandidateOrder.growSortedPrefix(key, ids, null, sorted, key.length, want);
            assertEquals(Math.min(want, key.length), sorted);
            assertArrayEquals(Arrays.copyOf(expected, sorted), Arrays.copyOf(key, sorted));
        }
    }

    @Test
    void allEqualKeysDoNotDegrade() {
        float[] key = new float[200_000];
        int[] ids = identity(key.length);
        long start = System.nanoTime();
        CandidateOrder.sortDescending(key, ids, null, 0, key.length);
        CandidateOrder.selectTop(key, ids, null, 0, key.length, 1234);
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "three-way partitioning keeps this linear");
    }
}
