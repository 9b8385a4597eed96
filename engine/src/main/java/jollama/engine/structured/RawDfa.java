package jollama.engine.structured;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The DFA states of every rule as {@link Determinizer} leaves them: a full 256-entry transition
 * row per state, the rules each state may call, and which states end their rule. Mutable, for
 * {@link GrammarAnalysis} to prune before it packs them into a {@link Grammar}.
 */
final class RawDfa {

    /** Per state: next state by byte, -1 where the byte is not allowed. */
    final List<int[]> next = new ArrayList<>();
    /** Per state: {@code [rule, returnState, rule, returnState, ...]}, or null. */
    final List<int[]> calls = new ArrayList<>();
    final BitSet accepting = new BitSet();
    final List<Integer> ruleOf = new ArrayList<>();
    final int[] ruleStart;
    final String[] ruleNames;

    RawDfa(int rules) {
        ruleStart = new int[rules];
        ruleNames = new String[rules];
    }

    void addState(int rule) {
        next.add(null);
        calls.add(null);
        ruleOf.add(rule);
    }

    int stateCount() {
        return next.size();
    }
}
