package jollama.engine.structured;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Checks and packs a {@link RawDfa}: computes for every state the fewest bytes to the end of its
 * rule (what the length budget of a generation relies on), cuts transitions into states that
 * can never finish (so that decoding cannot walk into a dead end), rejects schemas that no
 * finite value satisfies and left recursion (a rule reaching itself without reading a byte would
 * make the closure endless).
 */
final class GrammarAnalysis {

    static final int INFINITE = Integer.MAX_VALUE / 4;

    private GrammarAnalysis() {
    }

    static Grammar pack(RawDfa dfa, int rootRule) {
        int n = dfa.stateCount();
        int[] dist = distances(dfa);
        if (dist[dfa.ruleStart[rootRule]] >= INFINITE) {
            throw new UnsupportedSchemaException("no finite JSON value satisfies the schema "
                    + "(a required property or item refers back to itself without end, or a false schema is required)");
        }
        prune(dfa, dist);
        checkLeftRecursion(dfa, dist);
        int[][] rows = new int[n][];
        int[] lo = new int[n];
        int[] hi = new int[n];
        int[] next = new int[n];
        boolean[] accepting = new boolean[n];
        int[][] calls = new int[n][];
        int[] ruleOf = new int[n];
        for (int q = 0; q < n; q++) {
            int[] row = dfa.next.get(q);
            lo[q] = 1;
            hi[q] = 0;
            next[q] = Grammar.NONE;
            if (!packAsRange(row, q, lo, hi, next)) {
                rows[q] = row;
            }
            accepting[q] = dfa.accepting.get(q);
            calls[q] = dfa.calls.get(q);
            ruleOf[q] = dfa.ruleOf.get(q);
        }
        return new Grammar(rows, lo, hi, next, calls, accepting, dist, ruleOf, dfa.ruleStart.clone(),
                dfa.ruleNames.clone(), rootRule);
    }

    /** Most states allow one byte or one range to one target (literals, digits): no row for those. */
    private static boolean packAsRange(int[] row, int q, int[] lo, int[] hi, int[] next) {
        int first = -1;
        int last = -1;
        for (int b = 0; b < 256; b++) {
            if (row[b] != Grammar.NONE) {
                if (first < 0) {
                    first = b;
                } else if (last != b - 1 || row[b] != row[first]) {
                    return false;
                }
                last = b;
            }
        }
        if (first >= 0) {
            lo[q] = first;
            hi[q] = last;
            next[q] = row[first];
        }
        return true;
    }

    /**
     * Fewest bytes from each state to the end of its rule; a call costs its callee's shortest
     * length. Sweeps until nothing improves: values only fall, so it ends.
     */
    static int[] distances(RawDfa dfa) {
        int n = dfa.stateCount();
        int[] dist = new int[n];
        Arrays.fill(dist, INFINITE);
        int[][] targets = new int[n][];
        for (int q = 0; q < n; q++) {
            if (dfa.accepting.get(q)) {
                dist[q] = 0;
            }
            targets[q] = Arrays.stream(dfa.next.get(q)).filter(t -> t >= 0).distinct().toArray();
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int q = n - 1; q >= 0; q--) {
                int best = dist[q];
                for (int t : targets[q]) {
                    best = Math.min(best, 1 + dist[t]);
                }
                int[] calls = dfa.calls.get(q);
                if (calls != null) {
                    for (int i = 0; i < calls.length; i += 2) {
                        best = Math.min(best, dist[dfa.ruleStart[calls[i]]] + dist[calls[i + 1]]);
                    }
                }
                if (best < dist[q]) {
                    dist[q] = best;
                    changed = true;
                }
            }
        }
        return dist;
    }

    private static void prune(RawDfa dfa, int[] dist) {
        for (int q = 0; q < dfa.stateCount(); q++) {
            int[] row = dfa.next.get(q);
            for (int b = 0; b < 256; b++) {
                if (row[b] >= 0 && dist[row[b]] >= INFINITE) {
                    row[b] = Grammar.NONE;
                }
            }
            int[] calls = dfa.calls.get(q);
            if (calls != null) {
                List<Integer> kept = new ArrayList<>();
                for (int i = 0; i < calls.length; i += 2) {
                    if (dist[dfa.ruleStart[calls[i]]] < INFINITE && dist[calls[i + 1]] < INFINITE) {
                        kept.add(calls[i]);
                        kept.add(calls[i + 1]);
                    }
                }
                dfa.calls.set(q, kept.isEmpty() ? null : kept.stream().mapToInt(Integer::intValue).toArray());
            }
        }
    }

    /**
     * Epsilon moves form a graph: a call leads to the callee's start (one frame more) and, when
     * the callee can be empty, also to the return state. A rule that reaches a call to itself in
     * this graph would push frames without end.
     */
    private static void checkLeftRecursion(RawDfa dfa, int[] dist) {
        int n = dfa.stateCount();
        for (int rule = 0; rule < dfa.ruleStart.length; rule++) {
            BitSet seen = new BitSet(n);
            ArrayDeque<Integer> work = new ArrayDeque<>();
            work.add(dfa.ruleStart[rule]);
            seen.set(dfa.ruleStart[rule]);
            while (!work.isEmpty()) {
                int q = work.poll();
                int[] calls = dfa.calls.get(q);
                if (calls == null) {
                    continue;
                }
                for (int i = 0; i < calls.length; i += 2) {
                    if (calls[i] == rule) {
                        throw new UnsupportedSchemaException("left-recursive schema: '" + dfa.ruleNames[rule]
                                + "' can refer to itself before any character is written");
                    }
                    int start = dfa.ruleStart[calls[i]];
                    if (!seen.get(start)) {
                        seen.set(start);
                        work.add(start);
                    }
                    if (dist[start] == 0 && !seen.get(calls[i + 1])) {
                        seen.set(calls[i + 1]);
                        work.add(calls[i + 1]);
                    }
                }
            }
        }
    }
}
