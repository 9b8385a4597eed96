package jollama.engine;

/**
 * How a model is loaded.
 *
 * @param contextLength positions per sequence (Ollama's num_ctx), capped at the trained length
 * @param parallel      sequences that may generate at the same time (OLLAMA_NUM_PARALLEL)
 * @param threads       worker threads for the matrix kernels, 0 for one per processor
 */
public record ModelSettings(int contextLength, int parallel, int threads) {

    public static final int DEFAULT_CONTEXT_LENGTH = 4096;

    public ModelSettings {
        if (contextLength < 1 || parallel < 1 || threads < 0) {
            throw new IllegalArgumentException("invalid model settings: context " + contextLength
                    + ", parallel " + parallel + ", threads " + threads);
        }
    }

    public static ModelSettings defaults() {
        return new ModelSettings(DEFAULT_CONTEXT_LENGTH, 1, 0);
    }

    public ModelSettings withContextLength(int contextLength) {
        return new ModelSettings(contextLength, parallel, threads);
    }

    public ModelSettings withParallel(int parallel) {
        return new ModelSettings(contextLength, parallel, threads);
    }

    public ModelSettings withThreads(int threads) {
        return new ModelSettings(contextLength, parallel, threads);
    }
}
