package jollama.models.blocks;

/** The gated activation of SwiGLU feed-forward layers: {@code gate = silu(gate) · up}. */
public final class SwiGlu {

    private SwiGlu() {
    }

    public static void apply(float[] gate, float[] up, int n) {
        for (int i = 0; i < n; i++) {
            float g = gate[i];
            gate[i] = g / (1.0f + (float) Math.exp(-g)) * up[i];
        }
    }
}
