package jollama.models.testmodel;

import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor of a fixture model: its name and shape (ne0, the input features, first).
 * A 1-D spec is a norm weight; a 2-D spec is a weight matrix.
 */
public record TestTensorSpec(String name, long[] shape) {

    public TestTensorSpec {
        Objects.requireNonNull(name, "name");
        shape = shape.clone();
        if (shape.length != 1 && shape.length != 2) {
            throw new IllegalArgumentException(name + ": fixture tensors are 1-D or 2-D");
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public boolean isNorm() {
        return shape.length == 1;
    }

    /** Input features, ne0. */
    public long cols() {
        return shape[0];
    }

    public long rows() {
        return shape.length == 1 ? 1 : shape[1];
    }

    public long elementCount() {
        return cols() * rows();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TestTensorSpec t && name.equals(t.name) && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
