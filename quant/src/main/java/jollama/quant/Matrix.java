package jollama.quant;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import jollama.gguf.GGMLType;

/**
 * A weight matrix as ggml stores it: {@code rows} rows of {@code cols} elements each (GGUF's
 * ne0 = cols varies fastest), row r starting at byte {@code r · rowBytes()} of {@code data}.
 * y = W·x multiplies each row with an activation vector of length {@code cols}.
 */
public record Matrix(GGMLType type, MemorySegment data, int rows, int cols) {

    public Matrix {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative shape " + rows + " x " + cols);
        }
        long need = Math.multiplyExact(type.byteSize(cols), (long) rows);
        if (data.byteSize() < need) {
            throw new IllegalArgumentException(type + " matrix " + rows + " x " + cols + " needs " + need
                    + " bytes, the segment has " + data.byteSize());
        }
    }

    /** Bytes per row. */
    public long rowBytes() {
        return type.byteSize(cols);
    }

    /** The format that decodes this matrix ({@link UnsupportedOperationException} if none). */
    public QuantFormat format() {
        return QuantFormats.of(type);
    }
}
