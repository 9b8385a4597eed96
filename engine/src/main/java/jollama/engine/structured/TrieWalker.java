package jollama.engine.structured;

import java.util.Arrays;

/**
 * Runs a {@link Grammar} over the vocabulary trie: a depth-first scan of the preorder arrays
 * that keeps, for each depth, the set of configurations after the bytes of the path so far, and
 * jumps past a subtree as soon as that set is empty. One walker per generation; it allocates only
 * when its scratch arrays grow, and not at all on the common path.
 *
 * <p>A configuration is a state and a stack handle. Handles {@code >= 0} are frames pushed during
 * this walk (a pool reset as the scan moves back up); handles {@code < 0} name a {@link Frame} that
 * was there before the walk (a "base"). In <em>local</em> mode the only base is the unknown
 * stack below the state whose mask is being cached: popping it does not happen, it is recorded as
 * a pop node for the run-time walk instead.
 */
final class TrieWalker {

    static final int NO_LIMIT = Integer.MAX_VALUE;
    /** Below this many ids a cached mask keeps a list, above it bit words. */
    private static final int SPARSE_LIMIT = 2048;

    private final Grammar grammar;
    private final TokenizerIndex index;

    private final int[][] setQ;
    private final int[][] setH;
    private final int[] setN;
    private final int[] poolMark;
    private final int[] baseMark;

    private int[] poolRet = new int[256];
    private int[] poolParent = new int[256];
    private int[] poolSum = new int[256];
    private int poolTop;
    private Frame[] bases = new Frame[64];
    private int baseTop;
    private int preparedPoolTop;
    private int preparedBaseTop;

    private boolean local;
    private int currentNode;
    private int startDist;
    private int maxIncrease;
    private int[] popNodes = new int[64];
    private int popCount;
    private final TokenMask scratch;

    TrieWalker(Grammar grammar, TokenizerIndex index) {
        this.grammar = grammar;
        this.index = index;
        int depths = index.maxDepth() + 2;
        setQ = new int[depths][4];
        setH = new int[depths][4];
        setN = new int[depths];
        poolMark = new int[depths];
        baseMark = new int[depths];
        scratch = new TokenMask(index.vocabularySize());
    }

    /** What state {@code q} allows on its own (see {@link StateMask}). */
    StateMask precompute(int q) {
        local = true;
        popCount = 0;
        poolTop = 0;
        baseTop = 0;
        baseHandle(null);
        setN[0] = 0;
        append(0, q, -1); // no closure at the root: the caller's closure made the other configurations
        preparedPoolTop = poolTop;
        preparedBaseTop = baseTop;
        startDist = grammar.dist(q);
        maxIncrease = 0;
        scratch.clear();
        walk(0, NO_LIMIT, scratch);
        local = false;
        int count = scratch.cardinality();
        long[] dense = null;
        int[] sparse = null;
        if (count > SPARSE_LIMIT) {
            dense = scratch.words().clone();
        } else {
            sparse = new int[count];
            long[] words = scratch.words();
            int n = 0;
            for (int w = 0; w < words.length; w++) {
                for (long bits = words[w]; bits != 0; bits &= bits - 1) {
                    sparse[n++] = (w << 6) + Long.numberOfTrailingZeros(bits);
                }
            }
        }
        return new StateMask(dense, sparse, Arrays.copyOf(popNodes, popCount), maxIncrease);
    }

    /**
     * Makes the given configurations the walk's starting set.
     *
     * @param close whether to take their epsilon closure (false when they are closed already and
     *              only their own byte transitions should count)
     */
    void prepare(int[] states, Frame[] stacks, int count, boolean close) {
        reset();
        for (int k = 0; k < count; k++) {
            int h = baseHandle(stacks[k]);
            if (close) {
                add(0, states[k], h);
            } else {
                append(0, states[k], h);
            }
        }
        preparedPoolTop = poolTop;
        preparedBaseTop = baseTop;
    }

    /** Starts from what follows when the rule on top of {@code stack} has just ended. */
    void preparePopped(Frame stack) {
        reset();
        add(0, stack.returnState, baseHandle(stack.parent));
        preparedPoolTop = poolTop;
        preparedBaseTop = baseTop;
    }

    private void reset() {
        local = false;
        poolTop = 0;
        baseTop = 0;
        setN[0] = 0;
    }

    /**
     * Marks in {@code out} the tokens below {@code node} that the prepared configurations accept,
     * ending where at most {@code threshold} bytes are needed to finish ({@link #NO_LIMIT}: no check).
     */
    void walk(int node, int threshold, TokenMask out) {
        int end = index.subtreeEnd(node);
        int base = index.depth(node);
        poolTop = preparedPoolTop;
        baseTop = preparedBaseTop;
        poolMark[0] = poolTop;
        baseMark[0] = baseTop;
        boolean limited = threshold != NO_LIMIT;
        int i = node + 1;
        while (i < end) {
            int d = index.depth(i) - base;
            poolTop = poolMark[d - 1];
            baseTop = baseMark[d - 1];
            currentNode = i;
            if (!advance(d, index.label(i))) {
                i = index.subtreeEnd(i);
                continue;
            }
            poolMark[d] = poolTop;
            baseMark[d] = baseTop;
            int tb = index.tokenBegin(i);
            int te = index.tokenBegin(i + 1);
            if (limited) {
                int m = minFinish(d);
                if (m - index.height(i) > threshold) {
                    i = index.subtreeEnd(i);
                    continue;
                }
                if (te > tb && m <= threshold) {
                    mark(out, tb, te);
                }
            } else if (te > tb) {
                mark(out, tb, te);
                if (local) {
                    maxIncrease = Math.max(maxIncrease, minFinish(d) - startDist);
                }
            }
            i++;
        }
    }

    /** Steps the prepared configurations through {@code bytes}; false as soon as one is rejected. */
    boolean stepThrough(byte[] bytes) {
        poolTop = preparedPoolTop;
        baseTop = preparedBaseTop;
        currentNode = -1;
        for (int d = 1; d <= bytes.length; d++) {
            if (!advance(d, bytes[d - 1] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    /** Configurations at {@code depth} after {@link #stepThrough}. */
    int count(int depth) {
        return setN[depth];
    }

    int state(int depth, int k) {
        return setQ[depth][k];
    }

    /** The stack of a configuration as shared frames. */
    Frame stack(int depth, int k) {
        return frameOf(setH[depth][k]);
    }

    private Frame frameOf(int h) {
        if (h < 0) {
            return bases[-1 - h];
        }
        return new Frame(poolRet[h], frameOf(poolParent[h]), grammar.dist(poolRet[h]));
    }

    private void mark(TokenMask out, int from, int to) {
        for (int k = from; k < to; k++) {
            out.set(index.sortedId(k));
        }
    }

    /** Builds the set at depth {@code d} from the one at {@code d - 1} and the byte {@code b}. */
    private boolean advance(int d, int b) {
        int n = setN[d - 1];
        int[] pq = setQ[d - 1];
        int[] ph = setH[d - 1];
        setN[d] = 0;
        if (n == 1) {
            int t = grammar.next(pq[0], b);
            if (t < 0) {
                return false;
            }
            if (!grammar.hasEpsilon(t)) {
                setQ[d][0] = t;
                setH[d][0] = ph[0];
                setN[d] = 1;
            } else {
                add(d, t, ph[0]);
            }
            return true;
        }
        for (int k = 0; k < n; k++) {
            int t = grammar.next(pq[k], b);
            if (t >= 0) {
                add(d, t, ph[k]);
            }
        }
        return setN[d] > 0;
    }

    /** Adds a configuration and its epsilon closure: the calls it may make and the return when its rule ends. */
    private void add(int d, int q, int h) {
        if (!append(d, q, h) || !grammar.hasEpsilon(q)) {
            return;
        }
        int[] calls = grammar.calls(q);
        if (calls != null) {
            for (int i = 0; i < calls.length; i += 2) {
                add(d, grammar.ruleStart(calls[i]), push(calls[i + 1], h));
            }
        }
        if (grammar.accepting(q)) {
            if (h >= 0) {
                add(d, poolRet[h], poolParent[h]);
            } else if (local) {
                if (d > 0 && (popCount == 0 || popNodes[popCount - 1] != currentNode)) {
                    if (popCount == popNodes.length) {
                        popNodes = Arrays.copyOf(popNodes, popCount * 2);
                    }
                    popNodes[popCount++] = currentNode;
                }
            } else {
                Frame f = bases[-1 - h];
                if (f != null) {
                    add(d, f.returnState, baseHandle(f.parent));
                }
            }
        }
    }

    /** Adds a configuration without closure; false if the set has it already. */
    private boolean append(int d, int q, int h) {
        int n = setN[d];
        int[] sq = setQ[d];
        int[] sh = setH[d];
        for (int k = 0; k < n; k++) {
            if (sq[k] == q && sameStack(sh[k], h)) {
                return false;
            }
        }
        if (n == sq.length) {
            setQ[d] = sq = Arrays.copyOf(sq, n * 2);
            setH[d] = sh = Arrays.copyOf(sh, n * 2);
        }
        sq[n] = q;
        sh[n] = h;
        setN[d] = n + 1;
        return true;
    }

    private boolean sameStack(int a, int b) {
        while (a != b) {
            if (a >= 0 && b >= 0) {
                if (poolRet[a] != poolRet[b]) {
                    return false;
                }
                a = poolParent[a];
                b = poolParent[b];
            } else if (a < 0 && b < 0) {
                return Frame.same(bases[-1 - a], bases[-1 - b]);
            } else {
                return false; // a pushed frame against an older one: rare, and a duplicate is harmless
            }
        }
        return true;
    }

    private int push(int returnState, int h) {
        if (poolTop == poolRet.length) {
            int c = poolTop * 2;
            poolRet = Arrays.copyOf(poolRet, c);
            poolParent = Arrays.copyOf(poolParent, c);
            poolSum = Arrays.copyOf(poolSum, c);
        }
        poolRet[poolTop] = returnState;
        poolParent[poolTop] = h;
        poolSum[poolTop] = grammar.dist(returnState) + stackSum(h);
        return poolTop++;
    }

    private int baseHandle(Frame f) {
        if (baseTop == bases.length) {
            bases = Arrays.copyOf(bases, baseTop * 2);
        }
        bases[baseTop] = f;
        return -1 - baseTop++;
    }

    private int stackSum(int h) {
        return h >= 0 ? poolSum[h] : Frame.sum(bases[-1 - h]);
    }

    /** The fewest bytes that finish the document from any configuration at depth {@code d}. */
    private int minFinish(int d) {
        int best = Integer.MAX_VALUE;
        for (int k = 0; k < setN[d]; k++) {
            best = Math.min(best, grammar.dist(setQ[d][k]) + stackSum(setH[d][k]));
        }
        return best;
    }
}
