package jollama.quant;

/**
 * The scalar float kernel behind {@link MatrixOps#matMul} (the Vector API one is
 * {@link TilesVector}, on transposed activations): dequantized weight rows times token
 * activations, y[t·ldy + r0 + r] = Σ_k w[r·cols + k] · x[(t0 + t)·cols + k].
 */
final class Tiles {

    private Tiles() {
    }

    /**
     * Rows 0..nr-1 of {@code w} against tokens t0..t0+nt-1 of {@code x}; results go to
     * {@code y[t · ldy + r0 + r]}.
     */
    static void multiply(float[] w, int nr, float[] x, int t0, int nt, int cols, float[] y, int r0, int ldy) {
        for (int t = t0; t < t0 + nt; t++) {
            for (int r = 0; r < nr; r++) {
                float s0 = 0;
                float s1 = 0;
                int k = 0;
                for (; k + 1 < cols; k += 2) {
                    s0 += w[r * cols + k] * x[t * cols + k];
                    s1 += w[r * cols + k + 1] * x[t * cols + k + 1];
                }
                for (; k < cols; k++) {
                    s0 += w[r * cols + k] * x[t * cols + k];
                }
                y[t * ldy + r0 + r] = s0 + s1;
            }
        }
    }
}
