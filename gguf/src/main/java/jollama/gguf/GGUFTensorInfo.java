package jollama.gguf;

import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of a GGUF file's tensor table.
 *
 * @param name   the tensor name, unique in its file
 * @param type   the ggml type of the data
 * @param shape  the dimensions, ne0 (the row length, contiguous in memory) first
 * @param offset where the data starts, relative to the start of the file's tensor data section;
 *               a multiple of the file's alignment
 */
public record GGUFTensorInfo(String name, GGMLType type, long[] shape, long offset) {

    public GGUFTensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        shape = Shapes.checked(name, type, shape);
        if (offset < 0) {
            throw new IllegalArgumentException("tensor '" + name + "': negative offset " + offset);
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
        return Shapes.byteSize(type, shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GGUFTensorInfo t && name.equals(t.name) && type == t.type
                && Arrays.equals(shape, t.shape) && offset == t.offset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, Arrays.hashCode(shape), offset);
    }

    @Override
    public String toString() {
        return "GGUFTensorInfo[" + name + " " + type + " " + Arrays.toString(shape) + " @" + offset + "]";
    }
}
