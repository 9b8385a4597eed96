package jollama.engine.sampling;

/**
 * llama.cpp's penalties sampler, as Ollama applies it: for every token that occurs in the last
 * {@code lastN} history tokens, {@code count} times,
 * <ul>
 *   <li>repeat penalty: a positive logit is divided by it, a negative one multiplied (so the
 *       token always becomes less likely);</li>
 *   <li>frequency penalty: {@code count × frequency} is subtracted;</li>
 *   <li>presence penalty: subtracted once.</li>
 * </ul>
 * The caller's logits are never modified: penalised values go to a private copy.
 */
final class RepetitionPenalties {
    private final float repeat;
    private final float presence;
    private final float frequency;
    private final int lastN;
    private final int vocabSize;
    private final float[] penalized;
    /** Occurrence counts, all zero between calls. */
    private final int[] counts;

    RepetitionPenalties(float repeat, float presence, float frequency, int lastN, int vocabSize) {
        // Ollama treats a non-positive repeat penalty as "off" rather than flipping signs.
        this.repeat = repeat <= 0f ? 1f : repeat;
        this.presence = presence;
        this.frequency = frequency;
        this.lastN = Math.max(lastN, 0);
        this.vocabSize = vocabSize;
        boolean active = this.lastN > 0 && (this.repeat != 1f || presence != 0f || frequency != 0f);
        this.penalized = active ? new float[vocabSize] : null;
        this.counts = active ? new int[vocabSize] : null;
    }

    /**
     * Returns the logits to sample from: {@code logits} itself when no penalty applies, otherwise
     * an internal copy with the penalties applied (valid until the next call).
     *
     * @param history tokens so far; only {@code history[0..historyLength)} is read
     */
    float[] apply(float[] logits, int[] history, int historyLength) {
        if (penalized == null || historyLength == 0) {
            return logits;
        }
        int from = Math.max(0, historyLength - lastN);
        for (int i = from; i < historyLength; i++) {
            int t = history[i];
            if (t >= 0 && t < vocabSize) {
                counts[t]++;
            }
        }
        System.arraycopy(logits, 0, penalized, 0, vocabSize);
        for (int i = from; i < historyLength; i++) {
            int t = history[i];
            if (t >= 0 && t < vocabSize && counts[t] > 0) {
                penalized[t] = penalize(penalized[t], counts[t]);
                counts[t] = 0; // each distinct token once; also leaves counts clean for the next call
            }
        }
        return penalized;
    }

    private float penalize(float logit, int count) {
        float v = logit;
        if (repeat != 1f) {
            v = v < 0 ? v * repeat : v / repeat;
        }
        return v - count * frequency - presence;
    }
}
