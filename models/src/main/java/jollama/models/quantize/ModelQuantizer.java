package jollama.models.quantize;

import jollama.gguf.GGUFFile;
import jollama.gguf.GGUFTensorInfo;
import jollama.gguf.GGUFWriter;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Quantizes a GGUF model to a {@link FileType} exactly as llama-quantize does without an
 * importance matrix: same tensor order ({@link TensorOrder}), same per-tensor types
 * ({@link TensorTypePolicy}), same metadata ({@link QuantizedMetadata}) and, through the quant
 * module's reference quantizers, the same bytes.
 *
 * <p>It streams: the input is mapped, and each output tensor is encoded straight into the
 * output's mapping, chunk by chunk over the worker threads, so memory use does not grow with the
 * model. The output appears atomically (see {@link GGUFWriter}); the input is never overwritten.
 */
public final class ModelQuantizer {

    private final FileType fileType;
    private final int threads;

    /** A quantizer using every core. */
    public ModelQuantizer(FileType fileType) {
        this(fileType, Runtime.getRuntime().availableProcessors());
    }

    /** @param threads worker threads, at least 1 */
    public ModelQuantizer(FileType fileType, int threads) {
        this.fileType = Objects.requireNonNull(fileType, "fileType");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        this.threads = threads;
    }

    public FileType fileType() {
        return fileType;
    }

    public QuantizeResult quantize(Path input, Path output) throws IOException {
        return quantize(input, output, QuantizeListener.NONE);
    }

    /**
     * Writes {@code input} quantized to {@code output}, replacing any file there.
     *
     * @throws QuantizeException when {@code output} is {@code input} (also through links), or a
     *                           tensor cannot be quantized; nothing is written then
     * @throws IOException       when reading or writing fails
     */
    public QuantizeResult quantize(Path input, Path output, QuantizeListener listener) throws IOException {
        long start = System.nanoTime();
        refuseToOverwrite(input, output);
        int tensorCount;
        int converted;
        try (GGUFFile in = GGUFFile.open(input)) {
            List<TensorPlan> plan = QuantizePlan.of(in, fileType);
            GGUFWriter writer = new GGUFWriter(QuantizedMetadata.of(in.metadata(), fileType));
            for (TensorPlan t : plan) {
                writer.addTensor(t.name(), t.target(), t.source().shape());
            }
            ProgressTracker progress = new ProgressTracker(listener, plan);
            try (ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, workers()) : null) {
                TensorConverter converter = new TensorConverter(pool, threads);
                writer.write(output, (info, dst) -> fill(plan, info, dst, converter, progress));
            }
            tensorCount = plan.size();
            converted = (int) plan.stream().filter(TensorPlan::converts).count();
        }
        return new QuantizeResult(output, fileType, tensorCount, converted, Files.size(input), Files.size(output),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static void fill(List<TensorPlan> plan, GGUFTensorInfo info, MemorySegment dst, TensorConverter converter,
                             ProgressTracker progress) throws IOException {
        TensorPlan t = plan.get(progress.tensorsDone());
        if (!t.name().equals(info.name())) {
            throw new IllegalStateException("writer asked for " + info.name() + ", plan has " + t.name() + " next");
        }
        progress.starting(t.name());
        converter.convert(t, dst, progress::written);
        progress.tensorDone();
    }

    /**
     * The input stays mapped while the output is written, and the writer renames onto the
     * target: quantizing a file onto itself would replace the model with a half-read copy.
     */
    private static void refuseToOverwrite(Path input, Path output) throws IOException {
        if (Files.exists(output) && Files.isSameFile(input, output)) {
            throw new QuantizeException("refusing to overwrite the input model " + input
                    + (input.equals(output) ? "" : " (" + output + " is the same file)")
                    + "; choose another output path");
        }
    }

    private static ThreadFactory workers() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "jollama-quantize-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Counts tensors and bytes on the calling thread and tells the listener. */
    private static final class ProgressTracker {
        private final QuantizeListener listener;
        private final int tensorCount;
        private final long bytesTotal;
        private int tensorsDone;
        private long bytesDone;
        private String tensor = "";

        ProgressTracker(QuantizeListener listener, List<TensorPlan> plan) {
            this.listener = listener;
            this.tensorCount = plan.size();
            this.bytesTotal = plan.stream().mapToLong(TensorPlan::outputBytes).sum();
        }

        int tensorsDone() {
            return tensorsDone;
        }

        void starting(String name) {
            tensor = name;
            report();
        }

        void written(long bytes) {
            bytesDone += bytes;
            report();
        }

        void tensorDone() {
            tensorsDone++;
            report();
        }

        private void report() {
            listener.progress(new QuantizeProgress(tensorsDone, tensorCount, tensor, bytesDone, bytesTotal));
        }
    }
}
