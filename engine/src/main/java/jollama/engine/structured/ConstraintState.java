package jollama.engine.structured;

import java.util.Arrays;

/**
 * Where one generation stands in its constraint: the set of configurations (grammar state and
 * stack) that the bytes generated so far lead to. Each step: {@link #applyMask} (or
 * {@link #allowedTokens}) before sampling, then {@link #accept} with the sampled token. Not
 * thread-safe: one per generation.
 *
 * <p><b>Length budget.</b> A model with no wish to close its JSON (random weights, or a bad fit
 * between model and schema) could otherwise run into {@code num_predict} or the context end in
 * the middle of a value. Every method takes the number of tokens that may still be generated;
 * a token is allowed only if, after it, the fewest bytes that complete the document fit in the
 * tokens that remain (every byte has a single-byte token, so the document can always be closed
 * one byte per token). The output is therefore complete by the time the budget runs out. While
 * the budget is far away the check costs nothing.
 */
public final class ConstraintState {

    private final Grammar grammar;
    private final TokenizerIndex index;
    private final MaskCache cache;
    private final TrieWalker walker;
    private final TokenMask ownMask;
    private int[] states = new int[8];
    private Frame[] stacks = new Frame[8];
    private int count;
    private boolean ended;

    ConstraintState(Grammar grammar, TokenizerIndex index, MaskCache cache) {
        this.grammar = grammar;
        this.index = index;
        this.cache = cache;
        this.walker = new TrieWalker(grammar, index);
        this.ownMask = new TokenMask(index.vocabularySize());
        walker.prepare(new int[] {grammar.start()}, new Frame[] {null}, 1, true);
        take(0);
    }

    /** Fills {@code out} with the tokens allowed next when the generation has no length limit. */
    public void allowedTokens(TokenMask out) {
        allowedTokens(out, Integer.MAX_VALUE);
    }

    /**
     * Fills {@code out} with the tokens allowed next: tokens whose bytes continue the document
     * within the budget, and the end-of-generation tokens when the document is complete.
     *
     * @param remainingTokens how many tokens may still be generated, this one included
     *                        ({@link Integer#MAX_VALUE}: no limit)
     */
    public void allowedTokens(TokenMask out, int remainingTokens) {
        out.clear();
        if (ended) {
            return;
        }
        int finish = bytesToFinish();
        // Tokens must leave at most this many bytes to write; when the budget is already too small
        // (a prompt that left no room), each token must at least bring the end closer.
        long threshold = Math.max((long) remainingTokens - 1, (long) finish - 1);
        int limit = (int) Math.min(threshold, TrieWalker.NO_LIMIT - 1);
        for (int k = 0; k < count; k++) {
            int q = states[k];
            Frame stack = stacks[k];
            StateMask mask = cache.get(q, walker);
            long needed = (long) grammar.dist(q) + Frame.sum(stack) + mask.maxIncrease();
            if (needed <= limit) {
                mask.addTo(out);
                if (mask.popNodes().length > 0 && stack != null) {
                    walker.preparePopped(stack);
                    for (int node : mask.popNodes()) {
                        walker.walk(node, limit, out);
                    }
                }
            } else {
                // Near the budget: walk the whole trie for this configuration, checking each token.
                walker.prepare(new int[] {q}, new Frame[] {stack}, 1, false);
                walker.walk(0, limit, out);
            }
        }
        if (isComplete()) {
            for (int id : index.endOfGeneration()) {
                out.set(id);
            }
        }
    }

    /** Sets the logits of disallowed tokens to -infinity, with no length limit. */
    public void applyMask(float[] logits) {
        applyMask(logits, Integer.MAX_VALUE);
    }

    /** Sets the logits of disallowed tokens to -infinity (see {@link #allowedTokens(TokenMask, int)}). */
    public void applyMask(float[] logits, int remainingTokens) {
        allowedTokens(ownMask, remainingTokens);
        ownMask.applyTo(logits);
    }

    /**
     * Moves past a generated token.
     *
     * @throws IllegalArgumentException if the token does not continue the document (the state
     *                                  is then unchanged)
     */
    public void accept(int tokenId) {
        if (ended) {
            throw new IllegalStateException("the constrained output has ended");
        }
        if (index.isEndOfGeneration(tokenId)) {
            if (!isComplete()) {
                throw new IllegalArgumentException("end of generation (token " + tokenId
                        + ") before the JSON value is complete");
            }
            ended = true;
            return;
        }
        byte[] bytes = index.bytes(tokenId);
        if (bytes == null) {
            throw new IllegalArgumentException("token " + tokenId + " can never appear in constrained output");
        }
        walker.prepare(states, stacks, count, false);
        if (!walker.stepThrough(bytes)) {
            throw new IllegalArgumentException("token " + tokenId + " does not continue the JSON value here");
        }
        take(bytes.length);
    }

    /** Whether the bytes of {@code tokenId} would be accepted now (length budget not considered). */
    public boolean allows(int tokenId) {
        if (ended) {
            return false;
        }
        if (index.isEndOfGeneration(tokenId)) {
            return isComplete();
        }
        byte[] bytes = index.bytes(tokenId);
        if (bytes == null) {
            return false;
        }
        walker.prepare(states, stacks, count, false);
        return walker.stepThrough(bytes);
    }

    /**
     * The fewest bytes that would complete the value after {@code tokenId}, or -1 if the token
     * is not allowed at all (for tests that check masks token by token).
     */
    int bytesToFinishAfter(int tokenId) {
        byte[] bytes = ended ? null : index.bytes(tokenId);
        if (bytes == null) {
            return -1;
        }
        walker.prepare(states, stacks, count, false);
        if (!walker.stepThrough(bytes)) {
            return -1;
        }
        int best = Integer.MAX_VALUE;
        for (int k = 0; k < walker.count(bytes.length); k++) {
            best = Math.min(best, grammar.dist(walker.state(bytes.length, k))
                    + Frame.sum(walker.stack(bytes.length, k)));
        }
        return best;
    }

    /** Whether the output so far is a complete value (the end-of-generation tokens are allowed). */
    public boolean isComplete() {
        if (ended) {
            return true;
        }
        for (int k = 0; k < count; k++) {
            if (stacks[k] == null && grammar.accepting(states[k])) {
                return true;
            }
        }
        return false;
    }

    /** Whether an end-of-generation token has been accepted. */
    public boolean hasEnded() {
        return ended;
    }

    /** The fewest bytes (so at most this many tokens) that complete the value. */
    public int bytesToFinish() {
        if (ended) {
            return 0;
        }
        int best = Integer.MAX_VALUE;
        for (int k = 0; k < count; k++) {
            best = Math.min(best, grammar.dist(states[k]) + Frame.sum(stacks[k]));
        }
        return best;
    }

    /** Copies the walker's configurations at {@code depth} into this state. */
    private void take(int depth) {
        int n = walker.count(depth);
        if (n > states.length) {
            states = Arrays.copyOf(states, n);
            stacks = Arrays.copyOf(stacks, n);
        }
        for (int k = 0; k < n; k++) {
            states[k] = walker.state(depth, k);
            stacks[k] = walker.stack(depth, k);
        }
        count = n;
    }
}
