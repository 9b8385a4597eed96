package jollama.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransformsTest {
    private static final float EPS = 1e-6f;

    private static Candidates all(float... values) {
        Candidates c = new Candidates(values.length);
        c.loadAll(values, values.length);
        return c;
    }

    private static float ln(double x) {
        return (float) Math.log(x);
    }

    private static Set<Integer> ids(Candidates c) {
        Set<Integer> s = new HashSet<>();
        for (int i = 0; i < c.size; i++) {
            s.add(c.ids[i]);
        }
        return s;
    }

    private static float probabilityOf(Candidates c, int id) {
        for (int i = 0; i < c.size; i++) {
            if (c.ids[i] == id) {
                return c.values[i];
            }
        }
        throw new AssertionError("token " + id + " was removed");
    }

    @Test
    void argmaxPrefersTheFirstOfEqualMaxima() {
        assertEquals(1, Transforms.argmax(new float[] {1f, 3f, 3f, 2f}, 4));
        assertEquals(0, Transforms.argmax(new float[] {5f, 3f, 9f}, 2), "only the first n entries count");
    }

    @Test
    void topKKeepsTheKLargestSortedDescending() {
        Candidates c = new Candidates(3);
        c.loadTopK(new float[] {0.1f, 5f, -2f, 3f, 3.5f, 0f}, 6, 3);
        assertEquals(3, c.size);
        assertArrayEquals(new int[] {1, 4, 3}, Arrays.copyOf(c.ids, 3));
        assertArrayEquals(new float[] {5f, 3.5f, 3f}, Arrays.copyOf(c.values, 3));
        assertEquals(3, c.sortedPrefix);
    }

    @Test
    void softmaxAtTemperatureOne() {
        // logits ln 1..ln 4 give probabilities proportional to 1:2:3:4
        Candidates c = all(ln(1), ln(2), ln(3), ln(4));
        Transforms.softmax(c, 1f);
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, Arrays.copyOf(c.values, 4), EPS);
    }

    @Test
    void temperatureSharpensAndFlattens() {
        // T = 0.5 squares the odds: 1:4:9:16 out of 30
        Candidates sharp = all(ln(1), ln(2), ln(3), ln(4));
        Transforms.softmax(sharp, 0.5f);
        assertArrayEquals(new float[] {1 / 30f, 4 / 30f, 9 / 30f, 16 / 30f}, Arrays.copyOf(sharp.values, 4), EPS);
        // T = 2 takes square roots: logits 0, ln 4 -> 1:2
        Candidates flat = all(0f, ln(4));
        Transforms.softmax(flat, 2f);
        assertArrayEquals(new float[] {1 / 3f, 2 / 3f}, Arrays.copyOf(flat.values, 2), EPS);
    }

    @Test
    void softmaxIsStableForLargeLogitsAndRejectsNaN() {
        // logits 1000 and 1001 (exact in float): probabilities 1/(1+e) and e/(1+e)
        Candidates c = all(1000f, 1001f);
        Transforms.softmax(c, 1f);
        assertArrayEquals(new float[] {0.2689414f, 0.7310586f}, Arrays.copyOf(c.values, 2), EPS);
        assertThrows(IllegalStateException.class, () -> Transforms.softmax(all(1f, Float.NaN), 1f));
    }

    @Test
    void topPKeepsTheSmallestSetExceedingP() {
        // probabilities 0.5 (id 1), 0.25 (id 3), 0.125 (ids 0, 2), deliberately unsorted
        float[] probs = {0.125f, 0.5f, 0.125f, 0.25f};
        Candidates c = all(probs);
        Transforms.topP(c, 0.6f); // 0.5 <= 0.6 < 0.75
        assertEquals(Set.of(1, 3), ids(c));

        c = all(probs);
        Transforms.topP(c, 0.5f); // the cumulative sum must exceed p, so 0.5 alone is not enough
        assertEquals(Set.of(1, 3), ids(c));

        c = all(probs);
        Transforms.topP(c, 0.4f);
        assertEquals(Set.of(1), ids(c));

        c = all(probs);
        Transforms.topP(c, 1f);
        assertEquals(4, c.size);
    }

    @Test
    void topPSortsOnlyAsFarAsNeededOverALargeUnsortedSet() {
        // 200 "big" tokens of 0.004 each (0.8 total) scattered among 800 of 0.00025 (0.2 total).
        // p = 0.79: 197 big ones reach 0.788, the 198th crosses to 0.792.
        float[] probs = new float[1000];
        Set<Integer> big = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            boolean isBig = i % 5 == 2;
            probs[i] = isBig ? 0.004f : 0.00025f;
            if (isBig) {
                big.add(i);
            }
        }
        Candidates c = all(probs);
        Transforms.topP(c, 0.79f);
        assertEquals(198, c.size);
        assertEquals(true, big.containsAll(ids(c)));
    }

    @Test
    void minPIsRelativeToTheTopProbability() {
        float[] probs = {0.125f, 0.5f, 0.125f, 0.25f};
        Candidates c = all(probs);
        Transforms.minP(c, 0.3f); // threshold 0.15
        assertEquals(Set.of(1, 3), ids(c));

        c = all(probs);
        Transforms.minP(c, 0.2f); // threshold 0.1 keeps everything
        assertEquals(4, c.size);

        c = all(probs);
        Transforms.minP(c, 1f); // only the maximum survives
        assertEquals(Set.of(1), ids(c));
    }

    @Test
    void typicalKeepsTokensWhoseSurprisalIsClosestToTheEntropy() {
        // p = (0.5, 0.25, 0.125, 0.125): entropy H = 1.75 ln 2 = 1.2130 nats; surprisals are
        // ln 2, 2 ln 2, 3 ln 2, 3 ln 2, so distances to H are 0.520, 0.173, 0.866, 0.866:
        // the most typical token is id 1 (p 0.25), then id 0 (p 0.5).
        float[] probs = {0.5f, 0.25f, 0.125f, 0.125f};
        float[] keys = new float[4];

        Candidates c = all(probs);
        Transforms.typical(c, 0.2f, keys); // 0.25 already exceeds 0.2
        assertEquals(Set.of(1), ids(c));
        assertEquals(1f, c.values[0], EPS);

        c = all(probs);
        Transforms.typical(c, 0.5f, keys); // 0.25, then 0.25 + 0.5 = 0.75 > 0.5
        assertEquals(2, c.size);
        assertEquals(1, c.ids[0], "ordered by typicality");
        assertEquals(1 / 3f, probabilityOf(c, 1), EPS, "renormalised");
        assertEquals(2 / 3f, probabilityOf(c, 0), EPS);

        c = all(probs);
        Transforms.typical(c, 1f, keys);
        assertEquals(4, c.size);
    }

    @Test
    void drawMapsTheUniformNumberOntoCumulativeMass() {
        Candidates c = new Candidates(3);
        c.loadAll(new float[] {0.2f, 0.3f, 0.5f}, 3);
        assertEquals(0, Transforms.draw(c, 0.0));
        assertEquals(0, Transforms.draw(c, 0.19));
        assertEquals(1, Transforms.draw(c, 0.21));
        assertEquals(1, Transforms.draw(c, 0.49));
        assertEquals(2, Transforms.draw(c, 0.51));
        assertEquals(2, Transforms.draw(c, 0.9999999));
    }

    @Test
    void drawScalesByTheSurvivingMassAndSkipsZeroProbabilities() {
        Candidates c = all(0f, 0.1f, 0.1f, 0.2f); // total 0.4 after filtering, not renormalised
        assertEquals(1, Transforms.draw(c, 0.0), "a zero-probability token is never drawn");
        assertEquals(1, Transforms.draw(c, 0.24));
        assertEquals(2, Transforms.draw(c, 0.26));
        assertEquals(3, Transforms.draw(c, 0.51));
    }
}
