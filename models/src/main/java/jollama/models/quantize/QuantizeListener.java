package jollama.models.quantize;

/**
 * Receives progress while {@link ModelQuantizer} works: after each batch of rows and each tensor,
 * always from the thread that called {@code quantize} (never from the worker threads), so an
 * implementation needs no locking.
 */
@FunctionalInterface
public interface QuantizeListener {

    QuantizeListener NONE = progress -> { };

    void progress(QuantizeProgress progress);
}
