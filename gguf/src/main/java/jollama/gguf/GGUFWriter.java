package jollama.gguf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a GGUF v3 file: the given metadata in its order, the declared tensors in declaration
 * order, each at an offset aligned to {@code general.alignment} (32 when absent).
 *
 * <p>Tensor data is streamed: {@link #write} maps one tensor's region of the output at a time
 * and lets a {@link GGUFTensorSource} fill it, so a file far larger than the heap can be written.
 * The file is assembled under a temporary name in the target's directory, synced to disk, and
 * atomically renamed onto the target, so a failure never leaves a partial file at the target.
 */
public final class GGUFWriter {

    public static final int VERSION = 3;

    /** ggml's GGML_MAX_NAME less its terminating zero: llama.cpp rejects longer tensor names. */
    public static final int MAX_TENSOR_NAME_BYTES = 63;

    private final GGUFMetadata metadata;
    private final int alignment;
    private final List<GGUFTensorInfo> tensors = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private long dataSize;

    /** @throws IllegalArgumentException when {@code general.alignment} is present but not a UINT32 power of two */
    public GGUFWriter(GGUFMetadata metadata) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.alignment = alignmentOf(metadata);
    }

    private static int alignmentOf(GGUFMetadata metadata) {
        GGUFValue value = metadata.find(GGUFHeaderParser.ALIGNMENT_KEY).orElse(null);
        if (value == null) {
            return GGUFHeaderParser.DEFAULT_ALIGNMENT;
        }
        if (value instanceof GGUFValue.UInt32 a && a.value() > 0 && Integer.bitCount(a.value()) == 1) {
            return a.value();
        }
        throw new IllegalArgumentException(GGUFHeaderParser.ALIGNMENT_KEY + " must be a UINT32 power of two, not "
                + value.describe() + " " + value);
    }

    public GGUFMetadata metadata() {
        return metadata;
    }

    public int alignment() {
        return alignment;
    }

    /**
     * Declares the next tensor.
     *
     * @param shape dimensions, ne0 (the row length) first; ne0 must be a multiple of the type's block size
     * @return the tensor's table entry, with its offset in the data section
     * @throws IllegalArgumentException for a duplicate or too long name or an impossible shape
     */
    public GGUFTensorInfo addTensor(String name, GGMLType type, long... shape) {
        Objects.requireNonNull(name, "name");
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_TENSOR_NAME_BYTES) {
            throw new IllegalArgumentException("tensor name '" + name + "' is longer than "
                    + MAX_TENSOR_NAME_BYTES + " bytes");
        }
        if (names.contains(name)) {
            throw new IllegalArgumentException("duplicate tensor name '" + name + "'");
        }
        GGUFTensorInfo info;
        try {
            info = new GGUFTensorInfo(name, type, shape, dataSize);
            dataSize = Math.addExact(dataSize, GGUFHeaderParser.alignUp(info.byteSize(), alignment));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("tensor '" + name + "': size overflows 64 bits", e);
        }
        names.add(name);
        tensors.add(info);
        return info;
    }

    /** The declared tensors in file order. */
    public List<GGUFTensorInfo> tensors() {
        return List.copyOf(tensors);
    }

    /** Writes the file; see the class comment for how it streams and how it fails. */
    public void write(Path target, GGUFTensorSource source) throws IOException {
        Objects.requireNonNull(source, "source");
        byte[] header = encodeHeader();
        Path dir = target.toAbsolutePath().getParent();
        Path temp = createTemp(dir, target.getFileName().toString());
        boolean done = false;
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                writeFully(out, ByteBuffer.wrap(header), 0);
                for (GGUFTensorInfo info : tensors) {
                    writeTensor(out, header.length + info.offset(), info, source);
                }
                long end = header.length + dataSize;
                if (out.size() < end) {
                    // The last tensor's padding: ggml pads the data section to the alignment too.
                    writeFully(out, ByteBuffer.allocate((int) (end - out.size())), out.size());
                }
                out.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            done = true;
            syncDirectory(dir);
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * Not Files.createTempFile: that makes the file owner-only (0600), and the rename would pass
     * that on to a model file other users and services must read. createFile applies the umask.
     */
    private static Path createTemp(Path dir, String name) throws IOException {
        while (true) {
            Path temp = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + ".partial");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                // another writer picked the same random name; draw again
            }
        }
    }

    private byte[] encodeHeader() {
        HeaderEncoder enc = new HeaderEncoder();
        enc.u32(GGUFHeaderParser.MAGIC);
        enc.u32(VERSION);
        enc.u64(tensors.size());
        enc.u64(metadata.size());
        metadata.asMap().forEach(enc::keyValue);
        for (GGUFTensorInfo info : tensors) {
            enc.tensorInfo(info);
        }
        enc.zeros((int) (GGUFHeaderParser.alignUp(enc.size(), alignment) - enc.size()));
        return enc.toByteArray();
    }

    private static void writeTensor(FileChannel out, long position, GGUFTensorInfo info, GGUFTensorSource source)
            throws IOException {
        long size = info.byteSize();
        if (size == 0) {
            source.fill(info, MemorySegment.ofArray(new byte[0]));
            return;
        }
        // Mapping past the end grows the file; the gap left for alignment padding reads as zeros.
        try (Arena arena = Arena.ofShared()) {
            MemorySegment dst = out.map(FileChannel.MapMode.READ_WRITE, position, size, arena);
            source.fill(info, dst);
            dst.force();
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer bytes, long position) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += out.write(bytes, at);
        }
    }

    /** Makes the rename durable; best effort, as not every platform can open a directory. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // The data itself is synced; only the directory entry may be lost on a crash.
        }
    }
}
