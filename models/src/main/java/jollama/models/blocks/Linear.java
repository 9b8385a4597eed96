package jollama.models.blocks;

import jollama.gguf.GGUFTensor;
import jollama.quant.Matrix;

/**
 * A weight matrix of a model, {@code rows × cols} in any ggml format, as a view of the mapped
 * file; {@code y = W·x} runs on the quant module's kernels.
 */
public record Linear(String name, Matrix matrix) {

    public static Linear of(GGUFTensor tensor) {
        if (tensor.rank() != 2) {
            throw new IllegalArgumentException(tensor.name() + " should be a matrix but has shape "
                    + java.util.Arrays.toString(tensor.shape()));
        }
        return new Linear(tensor.name(),
                new Matrix(tensor.type(), tensor.data(), Math.toIntExact(tensor.rows()), Math.toIntExact(tensor.cols())));
    }

    public int rows() {
        return matrix.rows();
    }

    public int cols() {
        return matrix.cols();
    }
}
