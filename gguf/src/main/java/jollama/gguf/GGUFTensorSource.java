package jollama.gguf;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/** Supplies the bytes of each tensor while a {@link GGUFWriter} writes a file. */
@FunctionalInterface
public interface GGUFTensorSource {

    /**
     * Fills {@code dst} with the data of {@code tensor}. Called once per tensor, in file order.
     * {@code dst} is exactly {@code tensor.byteSize()} bytes, little-endian ggml layout, zeroed,
     * and valid only during the call; it belongs to a shared arena, so the callback may fill
     * disjoint parts of it from several threads.
     */
    void fill(GGUFTensorInfo tensor, MemorySegment dst) throws IOException;
}
