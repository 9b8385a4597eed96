package jollama.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class RepetitionPenaltiesTest {
    private static final float[] LOGITS = {2.0f, -1.0f, 0.5f, 3.0f};
    private static final int[] HISTORY = {0, 1, 0, 3};

    private static float[] apply(float repeat, float presence, float frequency, int lastN, int[] history) {
        RepetitionPenalties p = new RepetitionPenalties(repeat, presence, frequency, lastN, LOGITS.length);
        return p.apply(LOGITS.clone(), history, history.length).clone();
    }

    @Test
    void repeatPenaltyDividesPositiveAndMultipliesNegativeLogits() {
        // token 0: 2/2 = 1; token 1: -1*2 = -2; token 2 unseen; token 3: 3/2 = 1.5
        assertArrayEquals(new float[] {1.0f, -2.0f, 0.5f, 1.5f}, apply(2f, 0f, 0f, 64, HISTORY));
    }

    @Test
    void presenceOnceAndFrequencyPerOccurrence() {
        // token 0 seen twice: 2 - 2*0.25 - 0.5 = 1.0; token 1 once: -1 - 0.25 - 0.5 = -1.75;
        // token 3 once: 3 - 0.25 - 0.5 = 2.25
        assertArrayEquals(new float[] {1.0f, -1.75f, 0.5f, 2.25f}, apply(1f, 0.5f, 0.25f, 64, HISTORY));
    }

    @Test
    void allPenaltiesCombineRepeatFirst() {
        // token 0: 2/2 - 0.5 - 0.5 = 0; token 1: -2 - 0.25 - 0.5 = -2.75; token 3: 1.5 - 0.75 = 0.75
        assertArrayEquals(new float[] {0.0f, -2.75f, 0.5f, 0.75f}, apply(2f, 0.5f, 0.25f, 64, HISTORY));
    }

    @Test
    void onlyTheLastNTokensCount() {
        // window is the last two history entries {0, 3}: token 1 escapes, token 0 counted once
        assertArrayEquals(new float[] {1.0f, -1.0f, 0.5f, 1.5f}, apply(2f, 0f, 0f, 2, HISTORY));
        assertArrayEquals(new float[] {1.5f, -1.0f, 0.5f, 2.5f}, apply(1f, 0f, 0.5f, 2, HISTORY));
    }

    @Test
    void outOfRangeHistoryTokensAreIgnored() {
        assertArrayEquals(new float[] {2.0f, -1.0f, 0.5f, 1.5f},
                apply(2f, 0f, 0f, 64, new int[] {-5, 3, 99}));
    }

    @Test
    void neutralSettingsReturnTheCallersArrayUntouched() {
        float[] logits = LOGITS.clone();
        assertSame(logits, new RepetitionPenalties(1f, 0f, 0f, 64, 4).apply(logits, HISTORY, 4));
        assertSame(logits, new RepetitionPenalties(2f, 1f, 1f, 0, 4).apply(logits, HISTORY, 4), "last_n 0 is off");
        assertSame(logits, new RepetitionPenalties(0f, 0f, 0f, 64, 4).apply(logits, HISTORY, 4),
                "a non-positive repeat penalty means off");
        assertSame(logits, new RepetitionPenalties(2f, 0f, 0f, 64, 4).apply(logits, HISTORY, 0));
        assertArrayEquals(LOGITS, logits);
    }

    @Test
    void neverModifiesInputAndRepeatsIdentically() {
        float[] logits = LOGITS.clone();
        RepetitionPenalties p = new RepetitionPenalties(2f, 0.5f, 0.25f, 64, 4);
        float[] first = p.apply(logits, HISTORY, 4).clone();
        float[] second = p.apply(logits, HISTORY, 4).clone();
        assertArrayEquals(LOGITS, logits);
        assertArrayEquals(first, second, "occurrence counts must be reset between calls");
    }
}
