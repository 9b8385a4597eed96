package jollama.gguf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An open GGUF file (version 2 or 3, little-endian). The whole file is mapped once, read-only,
 * into a shared arena: tensors are slices of that mapping, readable from any thread, and
 * {@link #close()} unmaps it so that a model can be unloaded without waiting for the GC.
 * After close, touching a tensor's data throws {@link IllegalStateException}.
 */
public final class GGUFFile implements AutoCloseable {

    private final Path path;
    private final Arena arena;
    private final long fileSize;
    private final GGUFHeaderParser.Header header;
    private final Map<String, GGUFTensor> tensors;
    private final List<GGUFTensor> tensorList;
    private boolean closed;

    private GGUFFile(Path path, Arena arena, MemorySegment mapping, GGUFHeaderParser.Header header) {
        this.path = path;
        this.arena = arena;
        this.fileSize = mapping.byteSize();
        this.header = header;
        Map<String, GGUFTensor> byName = new LinkedHashMap<>();
        for (GGUFTensorInfo info : header.tensors()) {
            MemorySegment data = mapping.asSlice(header.dataOffset() + info.offset(), info.byteSize());
            byName.put(info.name(), new GGUFTensor(info.name(), info.type(), info.shape(), data));
        }
        this.tensors = Collections.unmodifiableMap(byName);
        this.tensorList = List.copyOf(byName.values());
    }

    /**
     * Maps and parses {@code path}.
     *
     * @throws GGUFFormatException when the file is not a well-formed GGUF v2/v3 file
     * @throws IOException         when it cannot be read
     */
    public static GGUFFile open(Path path) throws IOException {
        Arena arena = Arena.ofShared();
        try {
            MemorySegment mapping;
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                mapping = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            }
            GGUFFile file = new GGUFFile(path, arena, mapping, GGUFHeaderParser.parse(path, mapping));
            arena = null; // owned by the file from here on
            return file;
        } finally {
            if (arena != null) {
                arena.close();
            }
        }
    }

    public Path path() {
        return path;
    }

    /** The GGUF version, 2 or 3. */
    public int version() {
        return header.version();
    }

    public GGUFMetadata metadata() {
        return header.metadata();
    }

    /** The alignment of tensor data: {@code general.alignment}, 32 by default. */
    public int alignment() {
        return header.alignment();
    }

    /** The absolute file offset of the tensor data section (tensor offsets are relative to it). */
    public long tensorDataOffset() {
        return header.dataOffset();
    }

    public long fileSize() {
        return fileSize;
    }

    /** The tensor table in file order. */
    public List<GGUFTensorInfo> tensorInfos() {
        return header.tensors();
    }

    /** The tensors in file order. */
    public List<GGUFTensor> tensors() {
        return tensorList;
    }

    /** The names of the tensors in file order. */
    public List<String> tensorNames() {
        return new ArrayList<>(tensors.keySet());
    }

    public boolean hasTensor(String name) {
        return tensors.containsKey(name);
    }

    public Optional<GGUFTensor> findTensor(String name) {
        return Optional.ofNullable(tensors.get(name));
    }

    /** The tensor called {@code name}; throws {@link GGUFLookupException} naming it and the file if absent. */
    public GGUFTensor tensor(String name) {
        GGUFTensor t = tensors.get(name);
        if (t == null) {
            throw new GGUFLookupException(path + ": no tensor '" + name + "' among its " + tensors.size()
                    + " tensors");
        }
        return t;
    }

    /** Unmaps the file; idempotent. Tensor data must not be in use by other threads. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "GGUFFile[" + path + ", v" + version() + ", " + metadata().size() + " keys, " + tensors.size()
                + " tensors]";
    }
}
