package jollama.models.testmodel;

import java.nio.charset.StandardCharsets;

/**
 * The seeded random weights of the fixture models (../shared/fixtures/README.md, "The model
 * spec"), reproduced bit for bit: every element is evaluated in double precision in the order the
 * spec gives and rounded to float once.
 */
public final class TestWeights {

    private TestWeights() {
    }

    public static long splitmix64(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public static long fnv1a64(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x100000001b3L;
        }
        return h;
    }

    /** The uniform draw u_i in [0, 1) for element {@code i} of a tensor whose stream is {@code s}. */
    static double uniform(long s, long i) {
        return (splitmix64(s + i) >>> 11) * 0x1.0p-53;
    }

    /**
     * Fills {@code dst} with elements {@code first .. first + dst.length - 1} of a 2-D weight
     * with {@code cols} input features ({@code token_embd.weight} uses its own scale).
     */
    public static void matrix(String name, long seed, int cols, long first, float[] dst) {
        long s = fnv1a64(name) ^ seed;
        double a = name.equals("token_embd.weight") ? Math.sqrt(3.0) * 0.02 : Math.sqrt(3.0 / cols);
        for (int k = 0; k < dst.length; k++) {
            dst[k] = (float) ((2.0 * uniform(s, first + k) - 1.0) * a);
        }
    }

    /** Fills {@code dst} with a 1-D norm weight: around 1.0, or around 10.0 for output_norm. */
    public static void norm(String name, long seed, float[] dst) {
        long s = fnv1a64(name) ^ seed;
        double c = name.equals("output_norm.weight") ? 10.0 : 1.0;
        for (int i = 0; i < dst.length; i++) {
            dst[i] = (float) (c + 0.1 * c * (2.0 * uniform(s, i) - 1.0));
        }
    }
}
