package jollama.engine.structured;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The set of token ids allowed next, as a bit set sized for one vocabulary. Reused from step to
 * step: {@link ConstraintState#allowedTokens} clears and fills it without allocating.
 */
public final class TokenMask {

    private final int size;
    private final long[] words;

    public TokenMask(int size) {
        this.size = size;
        this.words = new long[(size + 63) >>> 6];
    }

    public int size() {
        return size;
    }

    public boolean get(int id) {
        return id >= 0 && id < size && (words[id >>> 6] & (1L << id)) != 0;
    }

    public int cardinality() {
        int n = 0;
        for (long w : words) {
            n += Long.bitCount(w);
        }
        return n;
    }

    /** The allowed ids as a {@link BitSet} (a copy). */
    public BitSet toBitSet() {
        return BitSet.valueOf(words);
    }

    /**
     * Sets {@code logits[id]} to -infinity for every id that is not allowed, padding past the
     * vocabulary included; allowed logits are left as they are.
     */
    public void applyTo(float[] logits) {
        int n = Math.min(logits.length, size);
        int full = n >>> 6;
        for (int w = 0; w < full; w++) {
            int base = w << 6;
            for (long missing = ~words[w]; missing != 0; missing &= missing - 1) {
                logits[base + Long.numberOfTrailingZeros(missing)] = Float.NEGATIVE_INFINITY;
            }
        }
        for (int id = full << 6; id < n; id++) {
            if (!get(id)) {
                logits[id] = Float.NEGATIVE_INFINITY;
            }
        }
        Arrays.fill(logits, n, logits.length, Float.NEGATIVE_INFINITY);
    }

    void set(int id) {
        words[id >>> 6] |= 1L << id;
    }

    void clear() {
        Arrays.fill(words, 0L);
    }

    void or(long[] other) {
        for (int i = 0; i < words.length; i++) {
            words[i] |= other[i];
        }
    }

    long[] words() {
        return words;
    }
}
