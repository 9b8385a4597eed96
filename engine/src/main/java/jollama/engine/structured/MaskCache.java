package jollama.engine.structured;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The {@link StateMask} of each grammar state for one vocabulary, computed on first use. Shared
 * by the generations that use the same constraint and model; the states of the plain JSON rules
 * also share their masks across constraints, through the {@link TokenizerIndex} (a new schema
 * then does not walk the whole vocabulary again for its strings). Two threads that miss at once
 * both compute the same value, which is harmless.
 */
final class MaskCache {

    private final Grammar grammar;
    private final TokenizerIndex index;
    private final AtomicReferenceArray<StateMask> masks;

    MaskCache(Grammar grammar, TokenizerIndex index) {
        this.grammar = grammar;
        this.index = index;
        this.masks = new AtomicReferenceArray<>(grammar.stateCount());
    }

    StateMask get(int state, TrieWalker walker) {
        StateMask m = masks.get(state);
        if (m == null) {
            String shared = grammar.sharedKey(state);
            m = shared == null ? null : index.sharedMask(shared);
            if (m == null) {
                m = walker.precompute(state);
                if (shared != null) {
                    index.shareMask(shared, m);
                }
            }
            masks.set(state, m);
        }
        return m;
    }
}
