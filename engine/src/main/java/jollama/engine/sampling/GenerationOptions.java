package jollama.engine.sampling;

import java.util.List;
import java.util.Map;

/**
 * Ollama's runtime options (the request {@code options} map, also Modelfile PARAMETERs), with
 * Ollama's defaults. Immutable; layers are merged with {@link #withOverrides(Map)}:
 *
 * <pre>{@code
 * GenerationOptions effective = GenerationOptions.defaults()
 *         .withOverrides(modelParams)       // Modelfile PARAMETER layer
 *         .withOverrides(request.options()); // request options win
 * }</pre>
 *
 * Load-time options (num_ctx, num_batch, num_gpu, main_gpu, use_mmap, num_thread) live here too
 * because they arrive in the same map; the scheduler compares them to decide on a reload.
 *
 * @param numCtx          context window in tokens
 * @param numBatch        prompt batch size (load-time)
 * @param numGpu          layers to offload, -1 = auto (load-time)
 * @param mainGpu         main GPU index, null = unset (load-time)
 * @param useMmap         whether to mmap weights, null = decide automatically (load-time)
 * @param numThread       worker threads, 0 = auto (load-time)
 * @param draftNumPredict tokens a draft model proposes per step (speculative decoding)
 * @param numKeep         prompt tokens kept when the context is shifted
 * @param seed            RNG seed, -1 = a fresh random seed per sampler
 * @param numPredict      maximum tokens to generate, -1 = no limit
 * @param topK            keep the k most likely tokens, &lt;= 0 = all
 * @param topP            nucleus threshold, 1 = off
 * @param minP            drop tokens below minP × the top probability, 0 = off
 * @param typicalP        locally typical sampling threshold, 1 = off
 * @param repeatLastN     history length the penalties look at, 0 = off, -1 = numCtx
 * @param temperature     softmax temperature, &lt;= 0 = greedy
 * @param repeatPenalty   divides positive / multiplies negative logits of recent tokens, 1 = off
 * @param presencePenalty subtracted once from the logit of each recent token
 * @param frequencyPenalty subtracted per occurrence of each recent token
 * @param stop            stop strings, never null
 */
public record GenerationOptions(
        int numCtx,
        int numBatch,
        int numGpu,
        Integer mainGpu,
        Boolean useMmap,
        int numThread,
        int draftNumPredict,
        int numKeep,
        long seed,
        int numPredict,
        int topK,
        float topP,
        float minP,
        float typicalP,
        int repeatLastN,
        float temperature,
        float repeatPenalty,
        float presencePenalty,
        float frequencyPenalty,
        List<String> stop) {

    /**
     * Ollama picks num_ctx from OLLAMA_CONTEXT_LENGTH or from the VRAM size; 4096 is its choice
     * below ~23 GiB, which is where a CPU engine sits. The server may replace it in its base layer.
     */
    public static final int DEFAULT_NUM_CTX = 4096;

    private static final GenerationOptions DEFAULTS = new GenerationOptions(
            DEFAULT_NUM_CTX, 512, -1, null, null, 0, 4, 4, -1L, -1, 40, 0.9f, 0.0f, 1.0f, 64,
            0.8f, 1.0f, 0.0f, 0.0f, List.of());

    public GenerationOptions {
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    /** Ollama's built-in defaults, the bottom layer. */
    public static GenerationOptions defaults() {
        return DEFAULTS;
    }

    /** The defaults overridden by one options map (see {@link #withOverrides(Map)}). */
    public static GenerationOptions fromMap(Map<String, ?> options) {
        return DEFAULTS.withOverrides(options);
    }

    /**
     * A copy where every known option present in {@code options} (as Jackson decodes JSON: Number,
     * Boolean, String, List, null) replaces this layer's value. Null values, unknown names and
     * deprecated names are skipped, as Ollama does. Integer options accept fractional numbers and
     * truncate them toward zero, as Go does after decoding JSON numbers as float64.
     *
     * @throws InvalidOptionException when a known option has the wrong JSON type
     */
    public GenerationOptions withOverrides(Map<String, ?> options) {
        return OptionsMapReader.apply(this, options);
    }

    /** The number of history tokens the repetition penalties look at, with -1 resolved to numCtx. */
    public int effectiveRepeatLastN() {
        return repeatLastN < 0 ? numCtx : repeatLastN;
    }

    /** Whether {@code name} is a current option (so a caller may log the ones that are not). */
    public static boolean isKnownOption(String name) {
        return OptionName.byJsonName(name) != null;
    }

    /** Whether {@code name} is one of the retired options that are silently accepted. */
    public static boolean isDeprecatedOption(String name) {
        return OptionName.DEPRECATED.contains(name);
    }

    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable staging area for building an options value field by field. */
    public static final class Builder {
        private int numCtx;
        private int numBatch;
        private int numGpu;
        private Integer mainGpu;
        private Boolean useMmap;
        private int numThread;
        private int draftNumPredict;
        private int numKeep;
        private long seed;
        private int numPredict;
        private int topK;
        private float topP;
        private float minP;
        private float typicalP;
        private int repeatLastN;
        private float temperature;
        private float repeatPenalty;
        private float presencePenalty;
        private float frequencyPenalty;
        private List<String> stop;

        private Builder(GenerationOptions from) {
            numCtx = from.numCtx;
            numBatch = from.numBatch;
            numGpu = from.numGpu;
            mainGpu = from.mainGpu;
            useMmap = from.useMmap;
            numThread = from.numThread;
            draftNumPredict = from.draftNumPredict;
            numKeep = from.numKeep;
            seed = from.seed;
            numPredict = from.numPredict;
            topK = from.topK;
            topP = from.topP;
            minP = from.minP;
            typicalP = from.typicalP;
            repeatLastN = from.repeatLastN;
            temperature = from.temperature;
            repeatPenalty = from.repeatPenalty;
            presencePenalty = from.presencePenalty;
            frequencyPenalty = from.frequencyPenalty;
            stop = from.stop;
        }

        public Builder numCtx(int v) { numCtx = v; return this; }
        public Builder numBatch(int v) { numBatch = v; return this; }
        public Builder numGpu(int v) { numGpu = v; return this; }
        public Builder mainGpu(Integer v) { mainGpu = v; return this; }
        public Builder useMmap(Boolean v) { useMmap = v; return this; }
        public Builder numThread(int v) { numThread = v; return this; }
        public Builder draftNumPredict(int v) { draftNumPredict = v; return this; }
        public Builder numKeep(int v) { numKeep = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder numPredict(int v) { numPredict = v; return this; }
        public Builder topK(int v) { topK = v; return this; }
        public Builder topP(float v) { topP = v; return this; }
        public Builder minP(float v) { minP = v; return this; }
        public Builder typicalP(float v) { typicalP = v; return this; }
        public Builder repeatLastN(int v) { repeatLastN = v; return this; }
        public Builder temperature(float v) { temperature = v; return this; }
        public Builder repeatPenalty(float v) { repeatPenalty = v; return this; }
        public Builder presencePenalty(float v) { presencePenalty = v; return this; }
        public Builder frequencyPenalty(float v) { frequencyPenalty = v; return this; }
        public Builder stop(List<String> v) { stop = v; return this; }

        public GenerationOptions build() {
            return new GenerationOptions(numCtx, numBatch, numGpu, mainGpu, useMmap, numThread,
                    draftNumPredict, numKeep, seed, numPredict, topK, topP, minP, typicalP,
                    repeatLastN, temperature, repeatPenalty, presencePenalty, frequencyPenalty, stop);
        }
    }
}
