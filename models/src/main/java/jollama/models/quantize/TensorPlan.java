package jollama.models.quantize;

import jollama.gguf.GGMLType;
import jollama.gguf.GGUFTensor;

/**
 * One tensor of the output: where its data comes from and the type it is written in.
 *
 * @param source the input tensor
 * @param target the output type; equal to the source's type when the tensor is copied unchanged
 */
public record TensorPlan(GGUFTensor source, GGMLType target) {

    public String name() {
        return source.name();
    }

    /** Whether the data is decoded and re-encoded, as opposed to copied byte for byte. */
    public boolean converts() {
        return source.type() != target;
    }

    public long outputBytes() {
        return target.byteSize(source.elementCount());
    }
}
