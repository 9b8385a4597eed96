package jollama.engine.structured;

/**
 * A compiled constraint: the DFA states of all rules, packed for fast stepping, with what the
 * token masks need to know about each state. Immutable and shareable between threads.
 *
 * <p>A configuration at run time is a state and a stack of return states. A state's byte
 * transitions are deterministic; its calls (push the return state, go to the callee's start)
 * and, when it ends its rule, the return (pop) are epsilon moves taken by the closure.
 */
final class Grammar {

    static final int NONE = -1;
    /**
     * Rules named so are the plain JSON ones (any string, number, object...): they call only each
     * other and are built the same way in every grammar, so their states' masks can be shared.
     */
    static final String SHARED_PREFIX = "json:";

    /** Dense transition rows, or null where the state has at most one range of bytes to one target. */
    private final int[][] rows;
    private final int[] rangeLo;
    private final int[] rangeHi;
    private final int[] rangeNext;
    private final int[][] calls;
    private final boolean[] accepting;
    private final boolean[] epsilon;
    private final int[] dist;
    private final int[] ruleStart;
    private final int root;
    private final String[] sharedKeys;

    Grammar(int[][] rows, int[] rangeLo, int[] rangeHi, int[] rangeNext, int[][] calls, boolean[] accepting,
            int[] dist, int[] ruleOf, int[] ruleStart, String[] ruleNames, int root) {
        this.rows = rows;
        this.rangeLo = rangeLo;
        this.rangeHi = rangeHi;
        this.rangeNext = rangeNext;
        this.calls = calls;
        this.accepting = accepting;
        this.dist = dist;
        this.ruleStart = ruleStart;
        this.root = root;
        this.sharedKeys = new String[accepting.length];
        for (int q = 0; q < accepting.length; q++) {
            String rule = ruleNames[ruleOf[q]];
            if (rule.startsWith(SHARED_PREFIX)) {
                sharedKeys[q] = rule + "#" + (q - ruleStart[ruleOf[q]]);
            }
        }
        this.epsilon = new boolean[accepting.length];
        for (int q = 0; q < accepting.length; q++) {
            epsilon[q] = accepting[q] || calls[q] != null;
        }
    }

    int stateCount() {
        return accepting.length;
    }

    /** The state after byte {@code b} (0..255), or {@link #NONE}. */
    int next(int q, int b) {
        int[] row = rows[q];
        if (row != null) {
            return row[b];
        }
        return b >= rangeLo[q] && b <= rangeHi[q] ? rangeNext[q] : NONE;
    }

    /** Whether the closure has work at {@code q}: calls to expand or a rule end to return from. */
    boolean hasEpsilon(int q) {
        return epsilon[q];
    }

    /** {@code [rule, returnState, ...]} or null. */
    int[] calls(int q) {
        return calls[q];
    }

    boolean accepting(int q) {
        return accepting[q];
    }

    /** The fewest bytes that take {@code q} to the end of its rule. */
    int dist(int q) {
        return dist[q];
    }

    int ruleStart(int rule) {
        return ruleStart[rule];
    }

    /**
     * A name for {@code q} that is the same in every grammar holding the same shared rule (the
     * rule's name and the state's place in it), or null for a state of a schema's own rule.
     * Determinization numbers a rule's states contiguously in a fixed order, from its start.
     */
    String sharedKey(int q) {
        return sharedKeys[q];
    }

    /** The state a generation starts in, with an empty stack. */
    int start() {
        return ruleStart[root];
    }

    /** The fewest bytes of a complete value. */
    int minLength() {
        return dist[start()];
    }
}
