package jollama.engine.structured;

/**
 * What one grammar state allows, whatever lies below it on the stack: the tokens whose bytes the
 * state's own rule (and the rules it calls) accepts, and the trie nodes where a token reaches the
 * end of the rule with bytes left over, so that only the stack can say whether those continue.
 * Those few subtrees are walked at each step; everything else comes from here.
 *
 * @param dense       the allowed ids as bit words, or null when {@code sparse} holds them
 * @param sparse      the allowed ids, when few
 * @param popNodes    trie nodes (in preorder) where the rule ends inside a token
 * @param maxIncrease the most a token allowed here can add to the bytes still needed to finish
 */
record StateMask(long[] dense, int[] sparse, int[] popNodes, int maxIncrease) {

    void addTo(TokenMask out) {
        if (dense != null) {
            out.or(dense);
        } else {
            for (int id : sparse) {
                out.set(id);
            }
        }
    }
}
