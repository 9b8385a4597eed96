package jollama.engine.sampling;

import java.util.SplittableRandom;

/**
 * Picks the next token from a logits vector. One instance per generating sequence: it owns its
 * scratch buffers and RNG, allocates nothing per call, and is not thread-safe.
 *
 * <p>Chain, in the order of Ollama's Go sampler ({@code sample/samplers.go}, used by the Ollama
 * engine that runs Qwen3), with typical_p slotted in where llama.cpp has it, just before top_p:
 * <ol>
 *   <li>repetition penalties over the last repeat_last_n history tokens (repeat, frequency,
 *       presence; see {@link RepetitionPenalties});</li>
 *   <li>temperature &lt;= 0: greedy argmax of the penalised logits, nothing else runs;</li>
 *   <li>top_k (&lt;= 0 or &gt;= vocabulary: keep all);</li>
 *   <li>temperature, then softmax;</li>
 *   <li>typical_p (1 = off);</li>
 *   <li>top_p (1 = off);</li>
 *   <li>min_p relative to the top probability (0 = off);</li>
 *   <li>a weighted draw from the survivors with the seeded RNG.</li>
 * </ol>
 * Unlike llama.cpp, which applies temperature last, Ollama scales by temperature before the
 * probability filters, so top_p and min_p see the sharpened or flattened distribution. We follow
 * Ollama because jollama answers as Ollama does.
 *
 * <p>Same seed, options and inputs give the same token sequence; seed -1 seeds randomly.
 */
public final class Sampler {
    private final int vocabSize;
    private final float temperature;
    private final int topK;
    private final float topP;
    private final float minP;
    private final float typicalP;
    private final RepetitionPenalties penalties;
    private final Candidates candidates;
    private final float[] typicalKeys;
    private final SplittableRandom rng;

    /**
     * @param vocabSize number of logits per step; logits arrays may be longer (padding is ignored)
     */
    public Sampler(GenerationOptions options, int vocabSize) {
        if (vocabSize <= 0) {
            throw new IllegalArgumentException("vocabSize must be positive: " + vocabSize);
        }
        this.vocabSize = vocabSize;
        // Out-of-range values are clamped as Ollama's NewSampler does.
        this.temperature = Math.max(options.temperature(), 0f);
        this.topK = options.topK() <= 0 || options.topK() >= vocabSize ? vocabSize : options.topK();
        this.topP = Math.clamp(options.topP(), 0f, 1f);
        this.minP = Math.clamp(options.minP(), 0f, 1f);
        this.typicalP = Math.clamp(options.typicalP(), 0f, 1f);
        this.penalties = new RepetitionPenalties(options.repeatPenalty(), options.presencePenalty(),
                options.frequencyPenalty(), options.effectiveRepeatLastN(), vocabSize);
        boolean greedy = temperature <= 0f;
        this.candidates = greedy ? null : new Candidates(topK);
        this.typicalKeys = !greedy && typicalP < 1f ? new float[topK] : null;
        this.rng = options.seed() == -1 ? new SplittableRandom() : new SplittableRandom(options.seed());
    }

    /** Samples with no history, so no repetition penalty applies. */
    public int sample(float[] logits) {
        return sample(logits, null, 0);
    }

    /**
     * Returns the next token id. {@code logits} is read, never modified, so it can afterwards feed
     * {@link LogprobCalculator}.
     *
     * @param history       tokens of the sequence so far (usually prompt and generated tokens);
     *                      the last repeat_last_n of {@code history[0..historyLength)} are penalised
     * @param historyLength number of valid entries in {@code history}
     * @throws IllegalStateException when the logits hold NaN (a broken model output)
     */
    public int sample(float[] logits, int[] history, int historyLength) {
        if (logits.length < vocabSize) {
            throw new IllegalArgumentException(
                    "expected at least " + vocabSize + " logits, got " + logits.length);
        }
        float[] scores = penalties.apply(logits, history, history == null ? 0 : historyLength);
        if (temperature <= 0f) {
            return Transforms.argmax(scores, vocabSize);
        }
        if (topK < vocabSize) {
            candidates.loadTopK(scores, vocabSize, topK);
        } else {
            candidates.loadAll(scores, vocabSize);
        }
        Transforms.softmax(candidates, temperature);
        Transforms.typical(candidates, typicalP, typicalKeys);
        Transforms.topP(candidates, topP);
        Transforms.minP(candidates, minP);
        return Transforms.draw(candidates, rng.nextDouble());
    }
}
