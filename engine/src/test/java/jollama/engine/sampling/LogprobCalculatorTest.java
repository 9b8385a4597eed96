package jollama.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogprobCalculatorTest {
    private static final float EPS = 1e-5f;

    private static float ln(double x) {
        return (float) Math.log(x);
    }

    @Test
    void logSoftmaxOfChosenAndTopAlternatives() {
        // logits ln 1..ln 4 -> probabilities 0.1, 0.2, 0.3, 0.4
        float[] logits = {ln(1), ln(2), ln(3), ln(4)};
        LogprobCalculator calc = new LogprobCalculator();
        calc.compute(logits, 4, 1, 2);
        assertEquals(ln(0.2), calc.chosenLogprob(), EPS);
        assertEquals(2, calc.topCount());
        assertEquals(3, calc.topTokenId(0));
        assertEquals(ln(0.4), calc.topLogprob(0), EPS);
        assertEquals(2, calc.topTokenId(1));
        assertEquals(ln(0.3), calc.topLogprob(1), EPS);
    }

    @Test
    void independentOfALogitOffset() {
        // logits 1000 and 1001 (exact in float): log-probabilities -ln(1+e) and 1 - ln(1+e)
        float[] logits = {1000f, 1001f};
        LogprobCalculator calc = new LogprobCalculator();
        calc.compute(logits, 2, 0, 1);
        assertEquals(-1.3132617f, calc.chosenLogprob(), EPS);
        assertEquals(-0.3132617f, calc.topLogprob(0), EPS);
    }

    @Test
    void topNBeyondTheVocabularyListsEverythingAndTiesKeepIdOrder() {
        LogprobCalculator calc = new LogprobCalculator();
        calc.compute(new float[] {0f, 0f, 0f}, 3, 2, 20);
        assertEquals(3, calc.topCount());
        for (int r = 0; r < 3; r++) {
            assertEquals(r, calc.topTokenId(r));
            assertEquals(ln(1 / 3.0), calc.topLogprob(r), EPS);
        }
    }

    @Test
    void snapshotCopiesTheResult() {
        LogprobCalculator calc = new LogprobCalculator();
        calc.compute(new float[] {ln(1), ln(3)}, 2, 0, 1);
        TokenLogprobs snap = calc.snapshot();
        calc.compute(new float[] {0f, 0f}, 2, 1, 0);
        assertEquals(0, snap.chosen().tokenId());
        assertEquals(ln(0.25), snap.chosen().logprob(), EPS);
        assertEquals(List.of(new TokenLogprob(1, snap.top().get(0).logprob())), snap.top());
        assertEquals(ln(0.75), snap.top().get(0).logprob(), EPS);
        assertEquals(0, calc.topCount());
    }

    @Test
    void rejectsMoreThanTwentyAlternatives() {
        assertThrows(IllegalArgumentException.class,
                () -> new LogprobCalculator().compute(new float[] {0f}, 1, 0, 21));
    }
}
