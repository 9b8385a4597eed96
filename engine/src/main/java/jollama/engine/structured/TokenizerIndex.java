package jollama.engine.structured;

import jollama.engine.generate.EndOfGeneration;
import jollama.engine.tokenizer.TokenType;
import jollama.engine.tokenizer.Tokenizer;
import jollama.engine.tokenizer.Vocabulary;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * The vocabulary as a byte trie, laid out in preorder so that a mask computation is one forward
 * scan that jumps over whole subtrees as soon as a byte is rejected: node {@code n}'s subtree is
 * {@code n .. subtreeEnd(n)-1}. Build it once per model ({@link #build(Tokenizer)}, about a
 * second) and share it: it is thread-safe, and apart from a cache of the token masks of the
 * plain JSON rules (the same for every constraint) it is immutable.
 *
 * <p>Tokens in the trie: normal tokens and user-defined ones (their text is plain text, e.g.
 * {@code <think>}). Control tokens never go into a constrained output; the end-of-generation ones
 * are allowed exactly when the output is complete. Unused ids and empty tokens are never allowed.
 */
public final class TokenizerIndex {

    private final int vocabularySize;
    private final byte[][] tokenBytes;
    private final int[] endOfGeneration;
    private final boolean[] isEndOfGeneration;
    private final byte[] label;
    private final short[] depth;
    private final short[] height;
    private final int[] subtreeEnd;
    /** Tokens of node n are {@code sortedIds[tokenBegin[n] .. tokenBegin[n+1])}. */
    private final int[] tokenBegin;
    private final int[] sortedIds;
    private final int maxDepth;
    /** Masks of the plain JSON rules' states, the same in every grammar (see {@link Grammar#sharedKey}). */
    private final Map<String, StateMask> sharedMasks = new ConcurrentHashMap<>();

    private TokenizerIndex(int vocabularySize, byte[][] tokenBytes, int[] endOfGeneration, Trie trie) {
        this.vocabularySize = vocabularySize;
        this.tokenBytes = tokenBytes;
        this.endOfGeneration = endOfGeneration;
        this.isEndOfGeneration = new boolean[vocabularySize];
        for (int id : endOfGeneration) {
            isEndOfGeneration[id] = true;
        }
        this.label = trie.label;
        this.depth = trie.depth;
        this.height = trie.height;
        this.subtreeEnd = trie.subtreeEnd;
        this.tokenBegin = trie.tokenBegin;
        this.sortedIds = trie.sortedIds;
        this.maxDepth = trie.maxDepth;
    }

    /** The index for a tokenizer, with the end-of-generation tokens the engine stops at. */
    public static TokenizerIndex build(Tokenizer tokenizer) {
        EndOfGeneration eog = new EndOfGeneration(tokenizer);
        return build(tokenizer, eog::contains);
    }

    public static TokenizerIndex build(Tokenizer tokenizer, IntPredicate endOfGeneration) {
        Vocabulary vocabulary = tokenizer.vocabulary();
        int n = vocabulary.size();
        byte[][] bytes = new byte[n][];
        for (int id = 0; id < n; id++) {
            TokenType type = vocabulary.type(id);
            if (type == TokenType.NORMAL || type == TokenType.USER_DEFINED) {
                byte[] b = tokenizer.tokenBytes(id);
                if (b.length > 0) {
                    bytes[id] = b;
                }
            }
        }
        int[] eog = IntStream.range(0, n).filter(endOfGeneration).toArray();
        for (int id : eog) {
            bytes[id] = null;
        }
        int[] ids = IntStream.range(0, n).filter(id -> bytes[id] != null).boxed()
                .sorted(Comparator.<Integer, byte[]>comparing(id -> bytes[id], Arrays::compareUnsigned)
                        .thenComparing(Comparator.naturalOrder()))
                .mapToInt(Integer::intValue).toArray();
        TokenizerIndex index = new TokenizerIndex(n, bytes, eog, new Trie(ids, bytes));
        for (int b = 0; b < 256; b++) {
            if (!index.hasSingleByteToken(b)) {
                // The length budget relies on closing any value one byte at a time.
                throw new IllegalArgumentException(String.format(
                        "the vocabulary has no token for the single byte 0x%02X: constrained decoding needs all 256", b));
            }
        }
        return index;
    }

    private boolean hasSingleByteToken(int b) {
        int node = 1;
        while (node < subtreeEnd[0]) {
            if ((label[node] & 0xFF) == b) {
                return tokenBegin[node + 1] > tokenBegin[node];
            }
            node = subtreeEnd[node];
        }
        return false;
    }

    /** The number of token ids, the length of a mask. */
    public int vocabularySize() {
        return vocabularySize;
    }

    /** Nodes in the trie, the root included. */
    public int nodeCount() {
        return label.length;
    }

    StateMask sharedMask(String key) {
        return sharedMasks.get(key);
    }

    void shareMask(String key, StateMask mask) {
        sharedMasks.putIfAbsent(key, mask);
    }

    /** The bytes of a token that may appear in constrained output, or null. */
    byte[] bytes(int id) {
        return id >= 0 && id < vocabularySize ? tokenBytes[id] : null;
    }

    boolean isEndOfGeneration(int id) {
        return id >= 0 && id < vocabularySize && isEndOfGeneration[id];
    }

    int[] endOfGeneration() {
        return endOfGeneration;
    }

    int label(int node) {
        return label[node] & 0xFF;
    }

    int depth(int node) {
        return depth[node];
    }

    /** The longest path below the node. */
    int height(int node) {
        return height[node];
    }

    int subtreeEnd(int node) {
        return subtreeEnd[node];
    }

    int tokenBegin(int node) {
        return tokenBegin[node];
    }

    int sortedId(int i) {
        return sortedIds[i];
    }

    /** The longest token, in bytes. */
    int maxDepth() {
        return maxDepth;
    }

    /** Builds the preorder arrays from the token ids sorted by their bytes. */
    private static final class Trie {
        byte[] label;
        short[] depth;
        short[] height;
        int[] subtreeEnd;
        int[] tokenBegin;
        final int[] sortedIds;
        int maxDepth;
        private int nodes;

        Trie(int[] sortedIds, byte[][] bytes) {
            this.sortedIds = sortedIds;
            int capacity = 1 << 16;
            label = new byte[capacity];
            depth = new short[capacity];
            height = new short[capacity];
            subtreeEnd = new int[capacity];
            tokenBegin = new int[capacity + 1];
            int[] path = new int[1 << 12];
            nodes = 1; // the root: depth 0, no label
            int pathLength = 0; // nodes on the path below the root
            byte[] previous = new byte[0];
            for (int k = 0; k < sortedIds.length; k++) {
                byte[] b = bytes[sortedIds[k]];
                if (b.length >= Short.MAX_VALUE) {
                    throw new IllegalArgumentException("token " + sortedIds[k] + " is too long: " + b.length + " bytes");
                }
                int common = Arrays.mismatch(previous, b);
                if (common < 0) {
                    continue; // same bytes as the previous token: it belongs to the same node
                }
                while (pathLength > common) {
                    close(path, pathLength--);
                }
                for (int d = common; d < b.length; d++) {
                    ensure(nodes + 1);
                    if (d + 1 >= path.length) {
                        path = Arrays.copyOf(path, path.length * 2);
                    }
                    label[nodes] = b[d];
                    depth[nodes] = (short) (d + 1);
                    tokenBegin[nodes] = k;
                    path[++pathLength] = nodes;
                    nodes++;
                }
                maxDepth = Math.max(maxDepth, b.length);
                previous = b;
            }
            while (pathLength > 0) {
                close(path, pathLength--);
            }
            subtreeEnd[0] = nodes;
            label = Arrays.copyOf(label, nodes);
            depth = Arrays.copyOf(depth, nodes);
            height = Arrays.copyOf(height, nodes);
            subtreeEnd = Arrays.copyOf(subtreeEnd, nodes);
            tokenBegin = Arrays.copyOf(tokenBegin, nodes + 1);
            tokenBegin[nodes] = sortedIds.length;
        }

        /** The node at path[at] is complete: its subtree ends here; its height reaches its parent. */
        private void close(int[] path, int at) {
            int node = path[at];
            subtreeEnd[node] = nodes;
            int parent = at > 1 ? path[at - 1] : 0;
            height[parent] = (short) Math.max(height[parent], height[node] + 1);
        }

        private void ensure(int n) {
            if (n >= label.length) {
                int c = label.length * 2;
                label = Arrays.copyOf(label, c);
                depth = Arrays.copyOf(depth, c);
                height = Arrays.copyOf(height, c);
                subtreeEnd = Arrays.copyOf(subtreeEnd, c);
                tokenBegin = Arrays.copyOf(tokenBegin, c + 1);
            }
        }
    }
}
