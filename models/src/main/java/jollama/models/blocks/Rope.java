package jollama.models.blocks;

/**
 * Rotary position embedding in the NEOX layout (used by Qwen, GPT-NeoX): dimension {@code i} of
 * a head is rotated together with dimension {@code i + headDim/2}. The angles
 * {@code pos · base^(-2i/headDim)} are tabulated once per model, in double precision.
 */
public final class Rope {

    private final int headDim;
    private final int half;
    private final float[] cos;
    private final float[] sin;

    public Rope(int headDim, int maxPositions, double base) {
        this.headDim = headDim;
        this.half = headDim / 2;
        this.cos = new float[maxPositions * half];
        this.sin = new float[maxPositions * half];
        for (int pos = 0; pos < maxPositions; pos++) {
            for (int i = 0; i < half; i++) {
                double angle = pos * Math.pow(base, -2.0 * i / headDim);
                cos[pos * half + i] = (float) Math.cos(angle);
                sin[pos * half + i] = (float) Math.sin(angle);
            }
        }
    }

    public int maxPositions() {
        return cos.length / half;
    }

    /** Rotates {@code heads} consecutive heads starting at {@code x[off]} for position {@code pos}. */
    public void rotate(float[] x, int off, int heads, int pos) {
        int table = pos * half;
        for (int h = 0; h < heads; h++) {
            int base = off + h * headDim;
            for (int i = 0; i < half; i++) {
                float c = cos[table + i];
                float s = sin[table + i];
                float x0 = x[base + i];
                float x1 = x[base + i + half];
                x[base + i] = x0 * c - x1 * s;
                x[base + i + half] = x0 * s + x1 * c;
            }
        }
    }
}
