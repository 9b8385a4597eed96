package jollama.gguf;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor of a GGUF file: its description and a view of its bytes.
 * For a tensor read by {@link GGUFFile} the data is a read-only slice of the file mapping (no
 * copy); it becomes inaccessible when the file is closed.
 *
 * @param name  the tensor name
 * @param type  the ggml type of the data
 * @param shape the dimensions, ne0 (the row length) first
 * @param data  exactly the tensor's bytes: {@code type.byteSize(elementCount())}
 */
public record GGUFTensor(String name, GGMLType type, long[] shape, MemorySegment data) {

    public GGUFTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        shape = Shapes.checked(name, type, shape);
        long expected = Shapes.byteSize(type, shape);
        if (data.byteSize() != expected) {
            throw new IllegalArgumentException("tensor '" + name + "': " + data.byteSize()
                    + " bytes of data, " + type + " " + Arrays.toString(shape) + " needs " + expected);
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public long elementCount() {
        return Shapes.elementCount(shape);
    }

    /** The row length ne0. */
    public long cols() {
        return shape[0];
    }

    /** The number of rows: the product of every dimension after ne0. */
    public long rows() {
        return Shapes.rows(shape);
    }

    /** Bytes of data. */
    public long byteSize() {
        return data.byteSize();
    }

    /** Bytes of one row of ne0 elements. */
    public long rowBytes() {
        return type.byteSize(shape[0]);
    }

    @Override
    public boolean equals(Object o) {
        // Identity of the view, not content: two tensors are equal when they see the same bytes.
        return o instanceof GGUFTensor t && name.equals(t.name) && type == t.type
                && Arrays.equals(shape, t.shape) && data.equals(t.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, Arrays.hashCode(shape), data);
    }

    @Override
    public String toString() {
        return "GGUFTensor[" + name + " " + type + " " + Arrays.toString(shape) + "]";
    }
}
