package jollama.engine.structured;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Keys for the extra members of an object that declares properties and allows others
 * ({@code additionalProperties}): any key except the declared names, which must only ever come
 * with their own schema.
 */
final class ExtraKeys {

    private final JsonSyntax syntax;
    private final Nfa nfa;

    ExtraKeys(JsonSyntax syntax) {
        this.syntax = syntax;
        this.nfa = syntax.nfa();
    }

    /**
     * A key other than {@code names}: a string without escapes (so that its bytes are its value)
     * whose bytes leave the trie of the excluded names, or end on a trie node that is no name.
     * With no names to exclude, {@code anyKey} (escapes allowed).
     */
    Fragment excluding(Set<String> names, Supplier<Fragment> anyKey) {
        if (names.isEmpty()) {
            return anyKey.get();
        }
        KeyTrie trie = new KeyTrie();
        for (String name : names) {
            trie.add(name.getBytes(StandardCharsets.UTF_8));
        }
        Fragment open = syntax.literal("\"");
        int out = nfa.newState();
        int[] body = new int[Utf8.STATES];
        for (int u = 0; u < Utf8.STATES; u++) {
            body[u] = nfa.newState();
        }
        for (int u = 0; u < Utf8.STATES; u++) {
            int[] targets = new int[256];
            for (int b = 0; b < 256; b++) {
                int t = plainStep(u, b);
                targets[b] = t < 0 ? -1 : body[t];
            }
            ranges(body[u], targets);
        }
        nfa.range(body[Utf8.COMPLETE], '"', '"', out);
        int[] nodeState = new int[trie.size()];
        for (int node = 0; node < trie.size(); node++) {
            nodeState[node] = nfa.newState();
        }
        nfa.epsilon(open.out(), nodeState[0]);
        for (int node = 0; node < trie.size(); node++) {
            int u = trie.utf8(node);
            int[] targets = new int[256];
            for (int b = 0; b < 256; b++) {
                int t = plainStep(u, b);
                int child = trie.child(node, b);
                targets[b] = t < 0 ? -1 : child >= 0 ? nodeState[child] : body[t];
            }
            ranges(nodeState[node], targets);
            if (u == Utf8.COMPLETE && !trie.isName(node)) {
                nfa.range(nodeState[node], '"', '"', out);
            }
        }
        return new Fragment(open.in(), out);
    }

    /** The UTF-8 state after a plain (unescaped, non-control, non-quote) string byte, or -1. */
    private static int plainStep(int u, int b) {
        if (u == Utf8.COMPLETE && (b < 0x20 || b == '"' || b == '\\')) {
            return -1;
        }
        return Utf8.step(u, b);
    }

    /** Edges for a byte-indexed target table, one per run of equal targets. */
    private void ranges(int from, int[] targets) {
        int b = 0;
        while (b < 256) {
            int t = targets[b];
            int e = b;
            while (e + 1 < 256 && targets[e + 1] == t) {
                e++;
            }
            if (t >= 0) {
                nfa.range(from, b, e, t);
            }
            b = e + 1;
        }
    }

    /** The byte trie of the declared names, with each node's UTF-8 state. */
    private static final class KeyTrie {
        private final List<Map<Integer, Integer>> children = new ArrayList<>();
        private final List<Boolean> names = new ArrayList<>();
        private final List<Integer> utf8 = new ArrayList<>();

        KeyTrie() {
            newNode(Utf8.COMPLETE);
        }

        void add(byte[] name) {
            int node = 0;
            for (byte value : name) {
                int b = value & 0xFF;
                int u = plainStep(utf8.get(node), b);
                if (u < 0) {
                    return; // needs an escape: an unescaped key can never equal it
                }
                Integer child = children.get(node).get(b);
                if (child == null) {
                    child = newNode(u);
                    children.get(node).put(b, child);
                }
                node = child;
            }
            names.set(node, true);
        }

        private int newNode(int u) {
            children.add(new HashMap<>());
            names.add(false);
            utf8.add(u);
            return children.size() - 1;
        }

        int size() {
            return children.size();
        }

        int child(int node, int b) {
            return children.get(node).getOrDefault(b, -1);
        }

        boolean isName(int node) {
            return names.get(node);
        }

        int utf8(int node) {
            return utf8.get(node);
        }
    }

}
