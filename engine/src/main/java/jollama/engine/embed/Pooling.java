package jollama.engine.embed;

/** How token states become one embedding ({@code <arch>.pooling_type}, llama.cpp's numbering). */
public enum Pooling {
    NONE, MEAN, CLS, LAST;

    public static Pooling fromGguf(int value) {
        return switch (value) {
            case 0 -> NONE;
            case 1 -> MEAN;
            case 2 -> CLS;
            case 3 -> LAST;
            default -> throw new IllegalArgumentException("unsupported pooling type " + value
                    + " (jollama pools: 0 none, 1 mean, 2 cls, 3 last)");
        };
    }

    /**
     * Pools {@code count} hidden states of {@code width} floats into {@code out}. Models without a
     * pooling type (chat models asked for embeddings) are mean-pooled.
     */
    public void pool(float[] hidden, int count, int width, float[] out) {
        java.util.Arrays.fill(out, 0f);
        switch (this) {
            case CLS -> System.arraycopy(hidden, 0, out, 0, width);
            case LAST -> System.arraycopy(hidden, (count - 1) * width, out, 0, width);
            case MEAN, NONE -> {
                double[] sum = new double[width];
                for (int t = 0; t < count; t++) {
                    for (int i = 0; i < width; i++) {
                        sum[i] += hidden[t * width + i];
                    }
                }
                for (int i = 0; i < width; i++) {
                    out[i] = (float) (sum[i] / count);
                }
            }
        }
    }

    /** Scales {@code v} to unit Euclidean length (left as is when it is all zeros). */
    public static void normalize(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        if (sum > 0) {
            float inv = (float) (1.0 / Math.sqrt(sum));
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
        }
    }
}
