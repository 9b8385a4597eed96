package jollama.server.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One byte range of a blob download and how much of it is on disk. Its progress file
 * ({@code sha256-<hex>-partial-<N>}) holds {@code {"N","Offset","Size","Completed"}}, the same
 * JSON Ollama writes, so either program can resume the other's download.
 */
final class DownloadPart {

    private static final ObjectMapper JSON = new ObjectMapper();

    final int n;
    final long offset;
    final long size;
    private final AtomicLong completed;
    /** The value last written to the progress file. */
    private volatile long saved = -1;
    /** When data last arrived, for stall detection. */
    private volatile long lastProgressNanos = System.nanoTime();

    DownloadPart(int n, long offset, long size, long completed) {
        if (n < 0 || offset < 0 || size < 0 || completed < 0 || completed > size) {
            throw new IllegalArgumentException("bad part " + n + ": offset " + offset + ", size " + size
                    + ", completed " + completed);
        }
        this.n = n;
        this.offset = offset;
        this.size = size;
        this.completed = new AtomicLong(completed);
    }

    /** Reads a progress file; throws for anything malformed. */
    static DownloadPart parse(byte[] json) throws IOException {
        JsonNode node = JSON.readTree(json);
        if (node == null || !node.isObject()) {
            throw new IOException("part file is not a JSON object");
        }
        try {
            return new DownloadPart(Math.toIntExact(longField(node, "N")), longField(node, "Offset"),
                    longField(node, "Size"), longField(node, "Completed"));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static long longField(JsonNode node, String name) throws IOException {
        JsonNode value = node.get(name);
        if (value == null || !value.isIntegralNumber()) {
            throw new IOException("part file has no integer " + name);
        }
        return value.asLong();
    }

    /** The progress file's content with {@code completedBytes} done (a snapshot taken by the caller). */
    byte[] toJson(long completedBytes) {
        return String.format(Locale.ROOT, "{\"N\":%d,\"Offset\":%d,\"Size\":%d,\"Completed\":%d}\n",
                n, offset, size, completedBytes).getBytes(StandardCharsets.UTF_8);
    }

    long completed() {
        return completed.get();
    }

    /** Where the next byte goes in the blob. */
    long startsAt() {
        return offset + completed.get();
    }

    /** One past the part's last byte. */
    long stopsAt() {
        return offset + size;
    }

    long remaining() {
        return size - completed.get();
    }

    boolean isDone() {
        return completed.get() >= size;
    }

    void advance(long bytes) {
        completed.addAndGet(bytes);
        lastProgressNanos = System.nanoTime();
    }

    /** Forgets progress whose data is gone (the partial file was lost or shortened). */
    void clampTo(long bytesOnDisk) {
        long keep = Math.max(0, Math.min(completed.get(), bytesOnDisk - offset));
        completed.set(keep);
    }

    void touch() {
        lastProgressNanos = System.nanoTime();
    }

    long nanosSinceProgress() {
        return System.nanoTime() - lastProgressNanos;
    }

    /** The value last written to the progress file, -1 before the first write. */
    long saved() {
        return saved;
    }

    void markSaved(long value) {
        saved = value;
    }
}
