package jollama.server.cli;

/** Log-probabilities from raw logits, in double precision, and the most likely tokens among them. */
final class LogProbs {

    /** One token and its log-probability. */
    record Entry(int id, double logprob) {
    }

    private LogProbs() {
    }

    /** log-softmax of the first {@code n} logits, computed in double on the float values. */
    static double[] logSoftmax(float[] logits, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, logits[i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(logits[i] - max);
        }
        double logZ = max + Math.log(sum);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = logits[i] - logZ;
        }
        return out;
    }

    /** The {@code k} highest, by descending log-probability; equal ones by ascending id. */
    static Entry[] top(double[] logprobs, int k) {
        k = Math.min(k, logprobs.length);
        int[] best = new int[k];
        int size = 0;
        for (int id = 0; id < logprobs.length; id++) {
            // insertion into a short sorted list: k is small next to the vocabulary
            if (size == k && !(logprobs[id] > logprobs[best[k - 1]])) {
                continue;
            }
            int at = size < k ? size++ : k - 1;
            while (at > 0 && logprobs[id] > logprobs[best[at - 1]]) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = id;
        }
        Entry[] entries = new Entry[size];
        for (int i = 0; i < size; i++) {
            entries[i] = new Entry(best[i], logprobs[best[i]]);
        }
        return entries;
    }
}
