package jollama.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SamplerTest {
    private static final int DRAWS = 20_000;
    /** About 6 standard deviations of a frequency estimated from 20k draws (sigma <= 0.0036). */
    private static final double TOLERANCE = 0.02;

    private static GenerationOptions.Builder opts() {
        return GenerationOptions.builder().topK(0).topP(1f).minP(0f).typicalP(1f).temperature(1f).seed(42);
    }

    private static float ln(double x) {
        return (float) Math.log(x);
    }

    private static double[] frequencies(GenerationOptions options, float[] logits) {
        Sampler s = new Sampler(options, logits.length);
        double[] f = new double[logits.length];
        for (int i = 0; i < DRAWS; i++) {
            f[s.sample(logits)] += 1.0 / DRAWS;
        }
        return f;
    }

    @Test
    void temperatureZeroIsArgmax() {
        Sampler s = new Sampler(opts().temperature(0f).build(), 4);
        float[] logits = {0.1f, 2.5f, 2.5f, -1f};
        for (int i = 0; i < 100; i++) {
            assertEquals(1, s.sample(logits), "first of the tied maxima");
        }
        assertEquals(1, new Sampler(opts().temperature(-3f).build(), 4).sample(logits), "negative = greedy");
    }

    @Test
    void greedySeesRepetitionPenalties() {
        GenerationOptions o = opts().temperature(0f).repeatPenalty(1.1f).build();
        float[] logits = {3.0f, 2.9f};
        assertEquals(0, new Sampler(o, 2).sample(logits));
        // 3.0 / 1.1 = 2.727 falls below 2.9
        assertEquals(1, new Sampler(o, 2).sample(logits, new int[] {0}, 1));
        assertArrayEquals(new float[] {3.0f, 2.9f}, logits, "caller's logits untouched");
    }

    @Test
    void paddedLogitsBeyondTheVocabularyAreIgnored() {
        Sampler s = new Sampler(opts().temperature(0f).build(), 2);
        assertEquals(0, s.sample(new float[] {1f, 0f, 100f}));
        assertThrows(IllegalArgumentException.class, () -> s.sample(new float[] {1f}));
    }

    @Test
    void drawsFollowTheSoftmax() {
        // e^1, e^2, e^3, e^0.5 = 2.71828, 7.38906, 20.08554, 1.64872; sum 31.84160
        double[] f = frequencies(opts().build(), new float[] {1f, 2f, 3f, 0.5f});
        assertArrayEquals(new double[] {0.08537, 0.23206, 0.63079, 0.05178}, f, TOLERANCE);
    }

    @Test
    void temperatureScalesBeforeDrawing() {
        // T = 0.5 on ln(1..4) -> 1:4:9:16
        double[] f = frequencies(opts().temperature(0.5f).build(), new float[] {ln(1), ln(2), ln(3), ln(4)});
        assertArrayEquals(new double[] {1 / 30.0, 4 / 30.0, 9 / 30.0, 16 / 30.0}, f, TOLERANCE);
    }

    @Test
    void topKOneAlwaysPicksTheMaximum() {
        Sampler s = new Sampler(opts().topK(1).temperature(5f).build(), 4);
        for (int i = 0; i < 1000; i++) {
            assertEquals(2, s.sample(new float[] {1f, 2f, 2.2f, 0f}));
        }
    }

    @Test
    void topKTwoRenormalisesOverTheSurvivors() {
        // keeps ln 4 and ln 3 -> 4/7 and 3/7
        double[] f = frequencies(opts().topK(2).build(), new float[] {ln(1), ln(2), ln(3), ln(4)});
        assertArrayEquals(new double[] {0, 0, 3 / 7.0, 4 / 7.0}, f, TOLERANCE);
    }

    @Test
    void topPDropsTheTail() {
        // p = 0.1, 0.2, 0.3, 0.4: 0.4 <= 0.65 < 0.7, so ids 3 and 2 remain -> 4/7, 3/7
        double[] f = frequencies(opts().topP(0.65f).build(), new float[] {ln(1), ln(2), ln(3), ln(4)});
        assertArrayEquals(new double[] {0, 0, 3 / 7.0, 4 / 7.0}, f, TOLERANCE);
    }

    @Test
    void minPDropsTokensBelowTheRelativeThreshold() {
        // threshold 0.6 * 0.4 = 0.24 keeps 0.3 and 0.4
        double[] f = frequencies(opts().minP(0.6f).build(), new float[] {ln(1), ln(2), ln(3), ln(4)});
        assertArrayEquals(new double[] {0, 0, 3 / 7.0, 4 / 7.0}, f, TOLERANCE);
    }

    @Test
    void topPSeesTheTemperatureScaledDistributionAsInOllama() {
        // Without temperature, p = 0.1..0.4 and top_p 0.65 would keep two tokens. At T = 0.5 the
        // probabilities are 16/30 = 0.533, 9/30 = 0.3, ... so 0.533 <= 0.65 < 0.833: still two,
        // but at top_p 0.5 only the first survives (0.533 > 0.5), whereas at T = 1 0.4 < 0.5.
        Sampler s = new Sampler(opts().temperature(0.5f).topP(0.5f).build(), 4);
        for (int i = 0; i < 1000; i++) {
            assertEquals(3, s.sample(new float[] {ln(1), ln(2), ln(3), ln(4)}));
        }
    }

    @Test
    void typicalPCanPreferALessLikelyToken() {
        // p = 0.5, 0.25, 0.125, 0.125: the most typical token is id 1 (see TransformsTest)
        Sampler s = new Sampler(opts().typicalP(0.2f).build(), 4);
        for (int i = 0; i < 1000; i++) {
            assertEquals(1, s.sample(new float[] {ln(0.5), ln(0.25), ln(0.125), ln(0.125)}));
        }
    }

    @Test
    void presencePenaltyShiftsTheDistribution() {
        // logits equal; token 0 in history with presence 0.693147 (ln 2) -> odds 1:2
        Sampler s = new Sampler(opts().presencePenalty(ln(2)).build(), 2);
        double zeros = 0;
        for (int i = 0; i < DRAWS; i++) {
            if (s.sample(new float[] {0f, 0f}, new int[] {0}, 1) == 0) {
                zeros += 1.0 / DRAWS;
            }
        }
        assertEquals(1 / 3.0, zeros, TOLERANCE);
    }

    @Test
    void sameSeedSameSequenceDifferentSeedDifferentSequence() {
        float[] logits = new float[50];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) Math.sin(i);
        }
        int[] a = sequence(opts().seed(1234).build(), logits);
        int[] b = sequence(opts().seed(1234).build(), logits);
        int[] c = sequence(opts().seed(1235).build(), logits);
        int[] r1 = sequence(opts().seed(-1).build(), logits);
        int[] r2 = sequence(opts().seed(-1).build(), logits);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        assertFalse(Arrays.equals(r1, r2), "seed -1 draws a fresh seed");
    }

    private static int[] sequence(GenerationOptions o, float[] logits) {
        Sampler s = new Sampler(o, logits.length);
        int[] out = new int[500];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.sample(logits);
        }
        return out;
    }

    @Test
    void nanLogitsAreReportedNotSampled() {
        Sampler s = new Sampler(opts().build(), 3);
        assertThrows(IllegalStateException.class, () -> s.sample(new float[] {0f, Float.NaN, 1f}));
    }

    @Test
    void fullVocabularyWithDefaultOptionsStaysInTheTopK() {
        int vocab = 151_936;
        float[] logits = randomLogits(vocab, 3);
        float[] sorted = logits.clone();
        Arrays.sort(sorted);
        float fortieth = sorted[vocab - 40];
        Sampler s = new Sampler(GenerationOptions.builder().seed(9).build(), vocab);
        for (int i = 0; i < 200; i++) {
            int t = s.sample(logits);
            assertTrue(logits[t] >= fortieth, "token outside top_k 40");
        }
    }

    @Test
    void samplingAllocatesNothingPerToken() {
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());

        int vocab = 151_936;
        float[] logits = randomLogits(vocab, 4);
        int[] history = new int[128];
        for (int i = 0; i < history.length; i++) {
            history[i] = i * 997 % vocab;
        }
        GenerationOptions[] variants = {
            GenerationOptions.builder().seed(1).repeatPenalty(1.1f).presencePenalty(0.5f).build(),
            GenerationOptions.builder().seed(1).topK(0).topP(0.9f).minP(0.05f).build(),
            GenerationOptions.builder().seed(1).topK(0).typicalP(0.9f).build(),
            GenerationOptions.builder().temperature(0f).repeatPenalty(1.3f).build(),
        };
        for (GenerationOptions o : variants) {
            Sampler s = new Sampler(o, vocab);
            for (int i = 0; i < 50; i++) {
                s.sample(logits, history, history.length); // warm-up
            }
            long thread = Thread.currentThread().threadId();
            long before = mx.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 50; i++) {
                s.sample(logits, history, history.length);
            }
            long allocated = mx.getThreadAllocatedBytes(thread) - before;
            assertTrue(allocated < 16_384, o + " allocated " + allocated + " bytes over 50 tokens");
        }
    }

    private static float[] randomLogits(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] logits = new float[n];
        for (int i = 0; i < n; i++) {
            logits[i] = (float) (r.nextGaussian() * 3);
        }
        return logits;
    }
}
