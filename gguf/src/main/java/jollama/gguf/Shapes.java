package jollama.gguf;

import java.util.Arrays;

/** Shape arithmetic shared by tensor infos and tensors (ne0, the row length, first). */
final class Shapes {

    /** ggml's GGML_MAX_DIMS: no tensor has more dimensions. */
    static final int MAX_DIMS = 4;

    private Shapes() {
    }

    /**
     * Checks a shape as declared by a writer or constructor.
     *
     * @throws IllegalArgumentException naming {@code name} when the shape cannot be a ggml tensor of {@code type}
     */
    static long[] checked(String name, GGMLType type, long[] shape) {
        long[] copy = shape.clone();
        if (copy.length < 1 || copy.length > MAX_DIMS) {
            throw new IllegalArgumentException("tensor '" + name + "': " + copy.length + " dimensions, must be 1.."
                    + MAX_DIMS);
        }
        for (long d : copy) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor '" + name + "': negative dimension in "
                        + Arrays.toString(copy));
            }
        }
        if (copy[0] % type.blockSize() != 0) {
            throw new IllegalArgumentException("tensor '" + name + "': ne0 = " + copy[0]
                    + " is not a multiple of the " + type + " block size " + type.blockSize());
        }
        byteSize(type, copy); // throws ArithmeticException on overflow
        return copy;
    }

    static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    static long rows(long[] shape) {
        long n = 1;
        for (int i = 1; i < shape.length; i++) {
            n = Math.multiplyExact(n, shape[i]);
        }
        return n;
    }

    static long byteSize(GGMLType type, long[] shape) {
        return type.byteSize(elementCount(shape));
    }
}
