package jollama.quant;

import java.lang.System.Logger.Level;

/**
 * Decides once, at class initialisation, whether the Vector API kernels run.
 *
 * <p>The kernels need the incubator module {@code jdk.incubator.vector} in the boot layer
 * ({@code --add-modules jdk.incubator.vector}). Without it every format falls back to its scalar
 * twin after ONE warning; the vector classes ({@code *Vector}, {@link SimdSpecies}) are then never
 * touched, so no {@code NoClassDefFoundError} can surface. {@link #ENABLED} is a constant, so C2
 * folds the dispatch branch in every {@code dot} away.
 *
 * <p>System property {@code jollama.vector.bits}: {@code 128}, {@code 256} or {@code 512} picks the
 * vector width (default: the platform's preferred width), {@code 0} forces the scalar kernels.
 */
public final class Simd {

    static final String PROPERTY = "jollama.vector.bits";

    /** True when the Vector API kernels are in use. */
    public static final boolean ENABLED;
    private static final int BITS;

    static {
        boolean enabled = false;
        int bits = 0;
        String requested = System.getProperty(PROPERTY, "");
        System.Logger log = System.getLogger("jollama.quant");
        if (requested.equals("0")) {
            enabled = false; // asked for: no warning
        } else if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            log.log(Level.WARNING, "Module jdk.incubator.vector is not in the boot layer: jollama's matrix kernels"
                    + " run scalar and several times slower. Start java with --add-modules jdk.incubator.vector.");
        } else {
            try {
                bits = SimdSpecies.BITS;
                enabled = true;
            } catch (Throwable t) {
                log.log(Level.WARNING, "Vector API unusable (" + t + "): jollama's matrix kernels run scalar.");
            }
        }
        ENABLED = enabled;
        BITS = enabled ? bits : 0;
    }

    private Simd() {
    }

    /** The width in bits of the vector kernels, or 0 when the scalar kernels are in use. */
    public static int bits() {
        return BITS;
    }

    /** One line for logs and benchmarks, e.g. {@code "Vector API, 512-bit"}. */
    public static String describe() {
        return ENABLED ? "Vector API, " + BITS + "-bit" : "scalar";
    }
}
