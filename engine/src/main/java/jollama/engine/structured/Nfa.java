package jollama.engine.structured;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A nondeterministic byte automaton under construction, split into rules (sub-automata) that
 * call each other. A call is an edge labelled with a rule: it is how recursion ({@code $ref})
 * and sharing (one string automaton for every plain string) are expressed; everything else is
 * inlined into its rule. {@link Determinizer} turns each rule into a DFA.
 */
final class Nfa {

    static final int EPSILON = 0;
    static final int BYTES = 1;
    static final int CALL = 2;

    private final int maxStates;
    private int states;
    private int edges;
    private int[] edgeFrom = new int[256];
    private int[] edgeKind = new int[256];
    /** For BYTES the lowest byte; for CALL the rule. */
    private int[] edgeLo = new int[256];
    private int[] edgeHi = new int[256];
    private int[] edgeTo = new int[256];
    private final List<String> ruleNames = new ArrayList<>();
    private final List<Fragment> ruleBodies = new ArrayList<>();

    Nfa(int maxStates) {
        this.maxStates = maxStates;
    }

    int newState() {
        if (states >= maxStates) {
            throw new UnsupportedSchemaException("the schema is too large: its automaton would need more than "
                    + maxStates + " states (long enums, large minLength/maxLength or maxItems?)");
        }
        return states++;
    }

    int stateCount() {
        return states;
    }

    void range(int from, int lo, int hi, int to) {
        if (lo < 0 || hi > 255 || lo > hi) {
            throw new IllegalArgumentException("bad byte range " + lo + ".." + hi);
        }
        add(from, BYTES, lo, hi, to);
    }

    void epsilon(int from, int to) {
        add(from, EPSILON, 0, 0, to);
    }

    void call(int from, int rule, int to) {
        add(from, CALL, rule, rule, to);
    }

    /** A new rule, to be given its body with {@link #define}; calls to it may be added before. */
    int newRule(String name) {
        ruleNames.add(name);
        ruleBodies.add(null);
        return ruleNames.size() - 1;
    }

    void define(int rule, Fragment body) {
        if (ruleBodies.get(rule) != null) {
            throw new IllegalStateException("rule " + ruleNames.get(rule) + " is defined twice");
        }
        ruleBodies.set(rule, body);
    }

    int ruleCount() {
        return ruleNames.size();
    }

    String ruleName(int rule) {
        return ruleNames.get(rule);
    }

    Fragment ruleBody(int rule) {
        Fragment body = ruleBodies.get(rule);
        if (body == null) {
            throw new IllegalStateException("rule " + ruleNames.get(rule) + " was never defined");
        }
        return body;
    }

    int edgeCount() {
        return edges;
    }

    int edgeFrom(int e) {
        return edgeFrom[e];
    }

    int edgeKind(int e) {
        return edgeKind[e];
    }

    int edgeLo(int e) {
        return edgeLo[e];
    }

    int edgeHi(int e) {
        return edgeHi[e];
    }

    int edgeTo(int e) {
        return edgeTo[e];
    }

    private void add(int from, int kind, int lo, int hi, int to) {
        if (edges == edgeFrom.length) {
            int n = edges * 2;
            edgeFrom = Arrays.copyOf(edgeFrom, n);
            edgeKind = Arrays.copyOf(edgeKind, n);
            edgeLo = Arrays.copyOf(edgeLo, n);
            edgeHi = Arrays.copyOf(edgeHi, n);
            edgeTo = Arrays.copyOf(edgeTo, n);
        }
        edgeFrom[edges] = from;
        edgeKind[edges] = kind;
        edgeLo[edges] = lo;
        edgeHi[edges] = hi;
        edgeTo[edges] = to;
        edges++;
    }
}
