package jollama.engine.sampling;

/**
 * The individual sampling steps, each a pure function of its inputs and the candidate set it
 * edits in place. Semantics follow Ollama's Go sampler ({@code sample/transforms.go}): filters
 * after {@link #softmax} do not renormalise (the final draw scales by the surviving mass), except
 * {@link #typical} which, like llama.cpp, hands a renormalised distribution to the next step.
 */
final class Transforms {
    /** Ollama clamps the temperature here to keep the division finite. */
    private static final float MIN_TEMPERATURE = 1e-7f;
    /** First chunk sorted when a filter needs order over an unsorted set; doubled as needed. */
    private static final int FIRST_SORT_CHUNK = 64;

    private Transforms() {
    }

    /** Index of the largest of {@code values[0..n)}; the lowest index wins ties. */
    static int argmax(float[] values, int n) {
        int best = 0;
        float bestValue = values[0];
        for (int i = 1; i < n; i++) {
            if (values[i] > bestValue) {
                bestValue = values[i];
                best = i;
            }
        }
        return best;
    }

    /** Turns logits into probabilities of {@code exp(logit / temperature)}, normalised. */
    static void softmax(Candidates c, float temperature) {
        float t = Math.max(temperature, MIN_TEMPERATURE);
        float[] v = c.values;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < c.size; i++) {
            if (Float.isNaN(v[i])) {
                throw nan();
            }
            max = Math.max(max, v[i]);
        }
        if (max == Float.NEGATIVE_INFINITY) {
            throw new IllegalStateException("sample: every logit is -infinity, nothing can be sampled");
        }
        double sum = 0;
        for (int i = 0; i < c.size; i++) {
            // Subtracting the maximum keeps exp() in range; the ratio is unchanged.
            double e = Math.exp((v[i] - max) / t);
            v[i] = (float) e;
            sum += e;
        }
        if (!(sum > 0) || Double.isInfinite(sum)) {
            throw nan();
        }
        double inv = 1.0 / sum;
        for (int i = 0; i < c.size; i++) {
            v[i] = (float) (v[i] * inv);
        }
    }

    /**
     * Locally typical sampling (Meister et al.): ranks tokens by how close their surprisal
     * {@code -ln p} is to the entropy of the distribution and keeps the closest ones until their
     * mass exceeds {@code p}. Survivors are renormalised; they end up ordered by typicality.
     *
     * @param keys scratch of at least {@code c.size} floats
     */
    static void typical(Candidates c, float p, float[] keys) {
        if (p >= 1f || c.size <= 1) {
            return;
        }
        float[] v = c.values;
        double entropy = 0;
        for (int i = 0; i < c.size; i++) {
            if (v[i] > 0) {
                entropy -= v[i] * Math.log(v[i]);
            }
        }
        for (int i = 0; i < c.size; i++) {
            // Negated distance so that "most typical" sorts first in a descending order.
            keys[i] = v[i] > 0 ? (float) -Math.abs(-Math.log(v[i]) - entropy) : Float.NEGATIVE_INFINITY;
        }
        int sorted = 0;
        int keep = c.size;
        double cumulative = 0;
        for (int i = 0; i < c.size; i++) {
            if (i == sorted) {
                sorted = CandidateOrder.growSortedPrefix(keys, c.ids, v, sorted, c.size,
                        Math.max(FIRST_SORT_CHUNK, 2 * sorted));
            }
            cumulative += v[i];
            if (cumulative > p) {
                keep = i + 1;
                break;
            }
        }
        c.size = keep;
        c.sortedPrefix = 0; // ordered by typicality now, not by probability
        double mass = 0;
        for (int i = 0; i < keep; i++) {
            mass += v[i];
        }
        double inv = 1.0 / mass;
        for (int i = 0; i < keep; i++) {
            v[i] = (float) (v[i] * inv);
        }
    }

    /**
     * Nucleus sampling: keeps the most probable tokens until their cumulative probability
     * exceeds {@code p} (the token that crosses the line is kept). Sorts only as far as needed.
     */
    static void topP(Candidates c, float p) {
        if (p >= 1f) {
            return;
        }
        double cumulative = 0;
        for (int i = 0; i < c.size; i++) {
            if (i == c.sortedPrefix) {
                c.ensureSorted(Math.max(FIRST_SORT_CHUNK, 2 * c.sortedPrefix));
            }
            cumulative += c.values[i];
            if (cumulative > p) {
                c.truncate(i + 1);
                return;
            }
        }
    }

    /** Keeps tokens whose probability is at least {@code p} times the largest probability. */
    static void minP(Candidates c, float p) {
        if (p <= 0f) {
            return;
        }
        float[] v = c.values;
        float max = v[0];
        if (c.sortedPrefix == 0) {
            for (int i = 1; i < c.size; i++) {
                max = Math.max(max, v[i]);
            }
        }
        float threshold = max * p;
        int kept = 0;
        for (int i = 0; i < c.size; i++) {
            if (v[i] >= threshold) {
                c.ids[kept] = c.ids[i];
                v[kept] = v[i];
                kept++;
            }
        }
        // Survivors of a sorted prefix stay in front in order, so the prefix stays valid.
        c.truncate(kept);
    }

    /**
     * Picks a candidate with probability proportional to its value.
     *
     * @param r uniform in [0, 1)
     */
    static int draw(Candidates c, double r) {
        float[] v = c.values;
        double total = 0;
        for (int i = 0; i < c.size; i++) {
            total += v[i];
        }
        if (Double.isNaN(total)) {
            throw nan();
        }
        double target = r * total;
        double cumulative = 0;
        int lastPositive = 0;
        for (int i = 0; i < c.size; i++) {
            if (v[i] > 0) {
                cumulative += v[i];
                lastPositive = i;
                if (cumulative > target) {
                    return c.ids[i];
                }
            }
        }
        return c.ids[lastPositive]; // only reached through rounding when r is just below 1
    }

    private static IllegalStateException nan() {
        return new IllegalStateException("sample: logits sum to NaN, check model output");
    }
}
