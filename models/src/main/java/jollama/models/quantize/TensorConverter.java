package jollama.models.quantize;

import jollama.quant.QuantFormat;
import jollama.quant.QuantFormats;

import java.io.InterruptedIOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Writes one planned tensor into its destination: a plain copy when its type stays, else decode
 * to float and encode, in chunks of whole rows spread over the worker threads. Chunks go out in
 * batches so the calling thread can report progress between them, and only a batch's buffers
 * are ever alive, whatever the tensor's size.
 */
final class TensorConverter {

    /** Floats per chunk (256 KiB): big enough to amortize a task, small enough to stay in cache. */
    private static final int CHUNK_ELEMENTS = 1 << 16;
    /** Chunks handed out per batch and thread: keeps the threads busy while a batch drains. */
    private static final int CHUNKS_PER_THREAD = 4;
    /** Bytes copied between two progress reports when a tensor keeps its type. */
    private static final long COPY_SLICE = 64L << 20;

    private final ExecutorService pool;
    private final int threads;

    /** @param pool runs the chunks; null to do all the work on the calling thread */
    TensorConverter(ExecutorService pool, int threads) {
        this.pool = pool;
        this.threads = pool == null ? 1 : threads;
    }

    /**
     * Fills {@code dst} with the tensor of {@code plan}.
     *
     * @param written receives the output bytes completed since its last call, on the calling thread
     */
    void convert(TensorPlan plan, MemorySegment dst, LongConsumer written) throws InterruptedIOException {
        MemorySegment src = plan.source().data();
        if (!plan.converts()) {
            for (long at = 0; at < dst.byteSize(); at += COPY_SLICE) {
                long n = Math.min(COPY_SLICE, dst.byteSize() - at);
                MemorySegment.copy(src, at, dst, at, n);
                written.accept(n);
            }
            return;
        }
        QuantFormat from = QuantFormats.of(plan.source().type());
        QuantFormat to = QuantFormats.of(plan.target());
        int cols = Math.toIntExact(plan.source().cols());
        long rows = plan.source().rows();
        int rowsPerChunk = Math.max(1, CHUNK_ELEMENTS / cols);
        long srcRowBytes = plan.source().type().byteSize(cols);
        long dstRowBytes = plan.target().byteSize(cols);
        long chunks = (rows + rowsPerChunk - 1) / rowsPerChunk;
        long batch = (long) threads * CHUNKS_PER_THREAD;
        for (long first = 0; first < chunks; first += batch) {
            List<Callable<Void>> tasks = new ArrayList<>();
            long done = 0;
            for (long c = first; c < Math.min(chunks, first + batch); c++) {
                long row = c * rowsPerChunk;
                int n = (int) Math.min(rowsPerChunk, rows - row);
                done += n * dstRowBytes;
                tasks.add(() -> {
                    // Rows are whole blocks and contiguous, so a run of rows codes as one long row.
                    float[] buf = new float[n * cols];
                    from.dequantizeRow(src, row * srcRowBytes, buf, 0, buf.length);
                    to.quantizeRow(buf, 0, dst, row * dstRowBytes, buf.length);
                    return null;
                });
            }
            run(tasks);
            written.accept(done);
        }
    }

    private void run(List<Callable<Void>> tasks) throws InterruptedIOException {
        try {
            if (pool == null || tasks.size() == 1) {
                for (Callable<Void> t : tasks) {
                    t.call();
                }
                return;
            }
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("quantization interrupted");
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (Exception e) {
            throw rethrow(e);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException(t);
    }
}
