package jollama.quant;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API micro-kernel for {@link Tiles}, vectorized over tokens rather than along the dot
 * products: the activations come packed ({@link #pack}: for each group of 2L tokens, column
 * after column, zero-padded), each weight is broadcast and multiplied into a vector of L tokens.
 * A register tile of 8 weight rows × 2L tokens keeps 16 accumulators and loads 2 vectors and 8
 * broadcasts per 16 FMAs. No
 * horizontal sums at all, so every output is the same sequence of FMAs, k = 0, 1, ..., on every
 * JIT tier (and as fast: horizontal sums in a fixed order cost more than the tile itself).
 */
final class TilesVector {

    private static final VectorSpecies<Float> F = SimdSpecies.F;
    private static final int L = SimdSpecies.L;

    private TilesVector() {
    }

    /** Tokens per group of {@link #pack}: the two vectors of a tile. */
    static final int GROUP = 2 * L;

    /** Floats {@link #pack} writes for n tokens of {@code cols}. */
    static int packedLength(int n, int cols) {
        return (n + GROUP - 1) / GROUP * GROUP * cols;
    }

    /** Where token t's column 0 lies in a {@link #pack packed} array: its group's block, its lane. */
    private static int packedIndex(int t, int cols) {
        return t / GROUP * cols * GROUP + t % GROUP;
    }

    /**
     * xP[(g · cols + k) · 2L + j] = x[(2L·g + j) · cols + k]: tokens in groups of 2L (padded with
     * zeros), each group column after column. A tile then reads its two token vectors for
     * column k at consecutive addresses, so its walk over k is one sequential stream that the
     * prefetchers follow, where a transposed matrix (a row per column, all tokens) strides across
     * it and, past the L2 cache (5 MB at 128 tokens of a 9728-column matrix), waits on every row.
     */
    static void pack(float[] x, int n, int cols, float[] xP) {
        int groups = (n + GROUP - 1) / GROUP;
        for (int g = 0; g < groups; g++) {
            int base = g * cols * GROUP;
            for (int j = 0; j < GROUP; j++) {
                int t = g * GROUP + j;
                if (t < n) {
                    int xt = t * cols;
                    for (int k = 0; k < cols; k++) {
                        xP[base + k * GROUP + j] = x[xt + k];
                    }
                } else {
                    for (int k = 0; k < cols; k++) {
                        xP[base + k * GROUP + j] = 0f;
                    }
                }
            }
        }
    }

    /**
     * y[t · ldy + r0 + r] = Σ_k w[r · cols + k] · x[t][k] for rows r &lt; nr and tokens t in
     * [t0, t0 + nt), x {@link #pack packed} in xP; {@code t0} is a multiple of 2L.
     * {@code lanes} is L floats of scratch.
     */
    static void multiply(float[] w, int nr, float[] xP, int t0, int nt, int cols, float[] y, int r0, int ldy,
                         float[] lanes) {
        int end = t0 + nt;
        int r = 0;
        for (; r + 8 <= nr; r += 8) {
            for (int t = t0; t < end; t += GROUP) {
                tile8(w, r, cols, xP, packedIndex(t, cols), t, Math.min(GROUP, end - t), y, r0, ldy, lanes);
            }
        }
        for (; r < nr; r++) {
            for (int t = t0; t < end; t += L) {
                FloatVector a = FloatVector.zero(F);
                int wr = r * cols;
                int xk = packedIndex(t, cols);
                for (int k = 0; k < cols; k++) {
                    a = FloatVector.fromArray(F, xP, xk).fma(FloatVector.broadcast(F, w[wr + k]), a);
                    xk += GROUP;
                }
                store(a, y, t, Math.min(L, end - t), ldy, r0 + r, lanes);
            }
        }
    }

    /**
     * Rows r..r+7 against tokens t..t+count-1 (count ≤ 2L; the lanes past it are padding), their
     * group packed at {@code xP[base ..]}.
     */
    private static void tile8(float[] w, int r, int cols, float[] xP, int base, int t, int count, float[] y, int r0,
                              int ldy, float[] lanes) {
        int w0 = r * cols;
        FloatVector a0 = FloatVector.zero(F), a1 = FloatVector.zero(F), a2 = FloatVector.zero(F), a3 = FloatVector.zero(F);
        FloatVector a4 = FloatVector.zero(F), a5 = FloatVector.zero(F), a6 = FloatVector.zero(F), a7 = FloatVector.zero(F);
        FloatVector b0 = FloatVector.zero(F), b1 = FloatVector.zero(F), b2 = FloatVector.zero(F), b3 = FloatVector.zero(F);
        FloatVector b4 = FloatVector.zero(F), b5 = FloatVector.zero(F), b6 = FloatVector.zero(F), b7 = FloatVector.zero(F);
        int xk = base;
        for (int k = 0; k < cols; k++) {
            FloatVector u = FloatVector.fromArray(F, xP, xk);
            FloatVector v = FloatVector.fromArray(F, xP, xk + L);
            xk += GROUP;
            int wk = w0 + k;
            FloatVector c = FloatVector.broadcast(F, w[wk]);
            a0 = u.fma(c, a0);
            b0 = v.fma(c, b0);
            c = FloatVector.broadcast(F, w[wk + cols]);
            a1 = u.fma(c, a1);
            b1 = v.fma(c, b1);
            c = FloatVector.broadcast(F, w[wk + 2 * cols]);
            a2 = u.fma(c, a2);
            b2 = v.fma(c, b2);
            c = FloatVector.broadcast(F, w[wk + 3 * cols]);
            a3 = u.fma(c, a3);
            b3 = v.fma(c, b3);
            c = FloatVector.broadcast(F, w[wk + 4 * cols]);
            a4 = u.fma(c, a4);
            b4 = v.fma(c, b4);
            c = FloatVector.broadcast(F, w[wk + 5 * cols]);
            a5 = u.fma(c, a5);
            b5 = v.fma(c, b5);
            c = FloatVector.broadcast(F, w[wk + 6 * cols]);
            a6 = u.fma(c, a6);
            b6 = v.fma(c, b6);
            c = FloatVector.broadcast(F, w[wk + 7 * cols]);
            a7 = u.fma(c, a7);
            b7 = v.fma(c, b7);
        }
        int first = Math.min(L, count);
        int o = r0 + r;
        store(a0, y, t, first, ldy, o, lanes);
        store(a1, y, t, first, ldy, o + 1, lanes);
        store(a2, y, t, first, ldy, o + 2, lanes);
        store(a3, y, t, first, ldy, o + 3, lanes);
        store(a4, y, t, first, ldy, o + 4, lanes);
        store(a5, y, t, first, ldy, o + 5, lanes);
        store(a6, y, t, first, ldy, o + 6, lanes);
        store(a7, y, t, first, ldy, o + 7, lanes);
        if (count > L) {
            int rest = count - L;
            store(b0, y, t + L, rest, ldy, o, lanes);
            store(b1, y, t + L, rest, ldy, o + 1, lanes);
            store(b2, y, t + L, rest, ldy, o + 2, lanes);
            store(b3, y, t + L, rest, ldy, o + 3, lanes);
            store(b4, y, t + L, rest, ldy, o + 4, lanes);
            store(b5, y, t + L, rest, ldy, o + 5, lanes);
            store(b6, y, t + L, rest, ldy, o + 6, lanes);
            store(b7, y, t + L, rest, ldy, o + 7, lanes);
        }
    }

    /** Lane i of {@code acc} is row {@code row} of token t + i: y is token-major, so it goes out lane by lane. */
    private static void store(FloatVector acc, float[] y, int t, int count, int ldy, int row, float[] lanes) {
        acc.intoArray(lanes, 0);
        for (int i = 0; i < count; i++) {
            y[(t + i) * ldy + row] = lanes[i];
        }
    }
}
