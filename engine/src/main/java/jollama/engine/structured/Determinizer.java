package jollama.engine.structured;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Subset construction, rule by rule: each rule of an {@link Nfa} becomes a DFA over bytes in
 * which a call to another rule is one more input symbol. The byte transitions of every state are
 * then deterministic; what stays nondeterministic (a state that may call several rules, or call
 * and read a byte) is resolved at run time by keeping a set of configurations.
 */
final class Determinizer {

    private final Nfa nfa;
    private final int maxStates;
    private final int[] edgeStart;
    private final int[] edgeOrder;
    private final int[] stamp;
    private int stampValue;
    private final int[] stack;

    private final Map<Key, Integer> ids = new HashMap<>();
    private final List<int[]> sets = new ArrayList<>();
    private final List<Integer> ruleOfState = new ArrayList<>();
    private final RawDfa dfa;

    private Determinizer(Nfa nfa, int maxStates) {
        this.nfa = nfa;
        this.maxStates = maxStates;
        int n = nfa.stateCount();
        edgeStart = new int[n + 1];
        for (int e = 0; e < nfa.edgeCount(); e++) {
            edgeStart[nfa.edgeFrom(e) + 1]++;
        }
        for (int s = 0; s < n; s++) {
            edgeStart[s + 1] += edgeStart[s];
        }
        edgeOrder = new int[nfa.edgeCount()];
        int[] fill = Arrays.copyOf(edgeStart, n);
        for (int e = 0; e < nfa.edgeCount(); e++) {
            edgeOrder[fill[nfa.edgeFrom(e)]++] = e;
        }
        stamp = new int[n];
        stack = new int[n];
        dfa = new RawDfa(nfa.ruleCount());
    }

    static RawDfa run(Nfa nfa, int maxStates) {
        Determinizer d = new Determinizer(nfa, maxStates);
        for (int rule = 0; rule < nfa.ruleCount(); rule++) {
            d.dfa.ruleNames[rule] = nfa.ruleName(rule);
            d.dfa.ruleStart[rule] = d.determinize(rule);
        }
        return d.dfa;
    }

    /** Builds the DFA states of one rule; returns its start state. */
    private int determinize(int rule) {
        Fragment body = nfa.ruleBody(rule);
        int start = idOf(rule, closure(new int[] {body.in()}, 1));
        ArrayDeque<Integer> work = new ArrayDeque<>();
        work.add(start);
        while (!work.isEmpty()) {
            int q = work.poll();
            int[] set = sets.get(q);
            dfa.accepting.set(q, Arrays.binarySearch(set, body.out()) >= 0);
            dfa.next.set(q, byteTransitions(rule, set, work));
            dfa.calls.set(q, callTransitions(rule, set, work));
        }
        return start;
    }

    private int[] byteTransitions(int rule, int[] set, ArrayDeque<Integer> work) {
        int[] next = new int[256];
        Arrays.fill(next, -1);
        List<Integer> byteEdges = new ArrayList<>();
        int[] bounds = new int[2 * edgeCountOf(set) + 2];
        int nb = 0;
        for (int s : set) {
            for (int i = edgeStart[s]; i < edgeStart[s + 1]; i++) {
                int e = edgeOrder[i];
                if (nfa.edgeKind(e) == Nfa.BYTES) {
                    byteEdges.add(e);
                    bounds[nb++] = nfa.edgeLo(e);
                    bounds[nb++] = nfa.edgeHi(e) + 1;
                }
            }
        }
        if (byteEdges.isEmpty()) {
            return next;
        }
        // Between consecutive bounds every edge either covers the whole interval or none of it.
        int[] cuts = Arrays.stream(bounds, 0, nb).sorted().distinct().toArray();
        int[] targets = new int[byteEdges.size()];
        for (int c = 0; c + 1 < cuts.length; c++) {
            int lo = cuts[c];
            int hi = cuts[c + 1] - 1;
            int n = 0;
            for (int e : byteEdges) {
                if (nfa.edgeLo(e) <= lo && nfa.edgeHi(e) >= hi) {
                    targets[n++] = nfa.edgeTo(e);
                }
            }
            if (n > 0) {
                int target = stateFor(rule, closure(targets, n), work);
                Arrays.fill(next, lo, hi + 1, target);
            }
        }
        return next;
    }

    private int[] callTransitions(int rule, int[] set, ArrayDeque<Integer> work) {
        Map<Integer, List<Integer>> byRule = new HashMap<>();
        for (int s : set) {
            for (int i = edgeStart[s]; i < edgeStart[s + 1]; i++) {
                int e = edgeOrder[i];
                if (nfa.edgeKind(e) == Nfa.CALL) {
                    byRule.computeIfAbsent(nfa.edgeLo(e), k -> new ArrayList<>()).add(nfa.edgeTo(e));
                }
            }
        }
        if (byRule.isEmpty()) {
            return null;
        }
        int[] calls = new int[2 * byRule.size()];
        int i = 0;
        for (Map.Entry<Integer, List<Integer>> entry : byRule.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(this::byName)).toList()) {
            int[] seeds = entry.getValue().stream().mapToInt(Integer::intValue).toArray();
            calls[i++] = entry.getKey();
            calls[i++] = stateFor(rule, closure(seeds, seeds.length), work);
        }
        return calls;
    }

    /**
     * Calls in the order of their callees' names, not ids: a shared rule must come out with the
     * same state numbering in every grammar, whatever order its callees were created in.
     */
    private int byName(int a, int b) {
        int c = nfa.ruleName(a).compareTo(nfa.ruleName(b));
        return c != 0 ? c : Integer.compare(a, b);
    }

    private int edgeCountOf(int[] set) {
        int n = 0;
        for (int s : set) {
            n += edgeStart[s + 1] - edgeStart[s];
        }
        return n;
    }

    private int stateFor(int rule, int[] set, ArrayDeque<Integer> work) {
        int before = sets.size();
        int id = idOf(rule, set);
        if (id == before) {
            work.add(id);
        }
        return id;
    }

    private int idOf(int rule, int[] set) {
        Key key = new Key(rule, set);
        Integer id = ids.get(key);
        if (id != null) {
            return id;
        }
        if (sets.size() >= maxStates) {
            throw new UnsupportedSchemaException("the schema is too large: its automaton would need more than "
                    + maxStates + " states (long enums, large minLength/maxLength or maxItems?)");
        }
        int q = sets.size();
        sets.add(set);
        ruleOfState.add(rule);
        dfa.addState(rule);
        ids.put(key, q);
        return q;
    }

    /** The sorted epsilon closure of {@code seeds[0..n)}. */
    private int[] closure(int[] seeds, int n) {
        stampValue++;
        int top = 0;
        int count = 0;
        int[] out = new int[16];
        for (int i = 0; i < n; i++) {
            int s = seeds[i];
            if (stamp[s] != stampValue) {
                stamp[s] = stampValue;
                stack[top++] = s;
            }
        }
        while (top > 0) {
            int s = stack[--top];
            if (count == out.length) {
                out = Arrays.copyOf(out, count * 2);
            }
            out[count++] = s;
            for (int i = edgeStart[s]; i < edgeStart[s + 1]; i++) {
                int e = edgeOrder[i];
                if (nfa.edgeKind(e) == Nfa.EPSILON) {
                    int t = nfa.edgeTo(e);
                    if (stamp[t] != stampValue) {
                        stamp[t] = stampValue;
                        stack[top++] = t;
                    }
                }
            }
        }
        int[] sorted = Arrays.copyOf(out, count);
        Arrays.sort(sorted);
        return sorted;
    }

    /** A DFA state's identity: its rule and its set of NFA states. */
    private static final class Key {
        private final int rule;
        private final int[] set;
        private final int hash;

        Key(int rule, int[] set) {
            this.rule = rule;
            this.set = set;
            this.hash = 31 * rule + Arrays.hashCode(set);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.rule == rule && Arrays.equals(k.set, set);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
