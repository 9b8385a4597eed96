package jollama.models;

/**
 * One sequence of positions evaluated by a model, with its KV cache. Not thread-safe: one
 * generation at a time uses it. The arrays it returns are its own buffers, valid until the next call.
 */
public interface Sequence {

    /** Positions evaluated so far. */
    int length();

    /** The most positions this sequence can hold. */
    int capacity();

    /**
     * Evaluates {@code count} more tokens (the whole batch at once) and returns the logits that
     * follow the last of them.
     *
     * @throws ContextOverflowException if the tokens do not fit in the remaining capacity
     */
    float[] append(int[] tokens, int offset, int count);

    /**
     * Evaluates {@code count} more tokens and writes each one's final, normalized hidden state to
     * {@code hidden[i * embeddingLength ..]}; no logits are computed.
     */
    void appendHidden(int[] tokens, int offset, int count, float[] hidden);

    /** Forgets every position from {@code length} on, so that a shared prefix can be reused. */
    void truncate(int length);
}
