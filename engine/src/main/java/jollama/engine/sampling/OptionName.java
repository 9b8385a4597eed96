package jollama.engine.sampling;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The runtime options Ollama knows, by their JSON name, with the JSON kind each one expects. */
enum OptionName {
    NUM_CTX("num_ctx", OptionKind.INTEGER),
    NUM_BATCH("num_batch", OptionKind.INTEGER),
    NUM_GPU("num_gpu", OptionKind.INTEGER),
    MAIN_GPU("main_gpu", OptionKind.INTEGER),
    USE_MMAP("use_mmap", OptionKind.BOOLEAN),
    NUM_THREAD("num_thread", OptionKind.INTEGER),
    DRAFT_NUM_PREDICT("draft_num_predict", OptionKind.INTEGER),
    NUM_KEEP("num_keep", OptionKind.INTEGER),
    SEED("seed", OptionKind.INTEGER),
    NUM_PREDICT("num_predict", OptionKind.INTEGER),
    TOP_K("top_k", OptionKind.INTEGER),
    TOP_P("top_p", OptionKind.FLOAT),
    MIN_P("min_p", OptionKind.FLOAT),
    TYPICAL_P("typical_p", OptionKind.FLOAT),
    REPEAT_LAST_N("repeat_last_n", OptionKind.INTEGER),
    TEMPERATURE("temperature", OptionKind.FLOAT),
    REPEAT_PENALTY("repeat_penalty", OptionKind.FLOAT),
    PRESENCE_PENALTY("presence_penalty", OptionKind.FLOAT),
    FREQUENCY_PENALTY("frequency_penalty", OptionKind.FLOAT),
    STOP("stop", OptionKind.STRING_ARRAY);

    /**
     * Names that older Ollama versions (and docs/api.md) still list. They are no longer options,
     * but clients keep sending them, so they are accepted and ignored rather than rejected.
     */
    static final Set<String> DEPRECATED = Set.of(
            "mirostat", "mirostat_tau", "mirostat_eta", "tfs_z", "penalize_newline", "numa",
            "low_vram", "f16_kv", "logits_all", "vocab_only", "use_mlock");

    private static final Map<String, OptionName> BY_JSON_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(OptionName::jsonName, Function.identity()));

    private final String jsonName;
    private final OptionKind kind;

    OptionName(String jsonName, OptionKind kind) {
        this.jsonName = jsonName;
        this.kind = kind;
    }

    String jsonName() {
        return jsonName;
    }

    OptionKind kind() {
        return kind;
    }

    /** The option with this exact JSON name, or null when it is not one Ollama knows. */
    static OptionName byJsonName(String name) {
        return BY_JSON_NAME.get(name);
    }
}
