package jollama.server.http.manage;

import jollama.models.quantize.FileType;
import jollama.models.quantize.ModelQuantizer;
import jollama.models.quantize.QuantizeListener;
import jollama.server.http.ApiError;
import jollama.server.registry.CancelSignal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;

/**
 * {@code create}'s {@code quantize} (alias {@code quantization}) as Ollama handles it: the name
 * is taken in upper case ({@code Q4_K} meaning {@code Q4_K_M}), only F16 and F32 weights are
 * quantized, and progress goes out as {@code quantizing F32 model to Q8_0} with the zero digest
 * Ollama uses and the source layer's size as the total.
 *
 * @param requested the name as the client sent it, upper-cased (what the status line shows)
 * @param target    the file type to write
 */
record Quantization(String requested, FileType target) {

    /** The digest Ollama puts on quantization progress lines (nineteen zeros, sic). */
    static final String PROGRESS_DIGEST = "0000000000000000000";
    private static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;

    /**
     * @throws ApiError 500 {@code unsupported quantization type X - supported types are ...}
     *                  (Ollama reports it from inside the operation, hence not 400)
     */
    static Quantization parse(String name) {
        String upper = name.strip().toUpperCase(Locale.ROOT);
        String canonical = upper.equals("Q4_K") ? "Q4_K_M" : upper;
        for (FileType t : FileType.values()) {
            if (t.name().equals(canonical)) {
                return new Quantization(upper, t);
            }
        }
        throw new ApiError(500, "unsupported quantization type " + upper + " - supported types are "
                + Arrays.stream(FileType.values()).map(FileType::displayName).collect(Collectors.joining(", ")));
    }

    /**
     * Whether weights of {@code sourceFileType} need quantizing at all (not when they already
     * have the target type).
     *
     * @throws ApiError 500 {@code quantization is only supported for F16 and F32 models}
     */
    boolean needed(int sourceFileType) {
        if (sourceFileType != FileType.F32.id() && sourceFileType != FileType.F16.id()) {
            throw new ApiError(500, "quantization is only supported for F16 and F32 models");
        }
        return sourceFileType != target.id();
    }

    /**
     * Writes {@code source} quantized to {@code output}, reporting progress about ten times a second.
     *
     * @throws CancellationException when {@code cancel} is set meanwhile
     */
    void run(Path source, long sourceSize, int sourceFileType, Path output, ProgressSink sink, CancelSignal cancel)
            throws IOException {
        String status = "quantizing " + FileType.fromId(sourceFileType).map(FileType::displayName).orElse("F32")
                + " model to " + requested;
        sink.send(new Progress(status, PROGRESS_DIGEST, sourceSize, 0));
        long[] lastSent = {System.nanoTime()};
        QuantizeListener listener = p -> {
            if (cancel.isCancelled()) {
                throw new CancellationException("create cancelled"); // the quantizer leaves no output behind
            }
            long now = System.nanoTime();
            if (now - lastSent[0] >= PROGRESS_INTERVAL_NANOS || p.tensorsDone() == p.tensorCount()) {
                lastSent[0] = now;
                sink.send(new Progress(status, PROGRESS_DIGEST, sourceSize, (long) (p.fraction() * sourceSize)));
            }
        };
        new ModelQuantizer(target).quantize(source, output, listener);
    }
}
