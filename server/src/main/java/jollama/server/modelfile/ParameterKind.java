package jollama.server.modelfile;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a {@code PARAMETER} value, which is text in a Modelfile, becomes the typed value of the
 * options map: the conversion of Ollama's {@code api.FormatParams}, driven by the option's Go
 * type. The table mirrors the options of {@code GenerationOptions}; a test keeps the two in step.
 */
enum ParameterKind {
    INT,
    FLOAT,
    BOOL,
    STRING_LIST;

    /** Every current option by its JSON name. */
    static final Map<String, ParameterKind> OPTIONS = Map.ofEntries(
            Map.entry("num_ctx", INT),
            Map.entry("num_batch", INT),
            Map.entry("num_gpu", INT),
            Map.entry("main_gpu", INT),
            Map.entry("use_mmap", BOOL),
            Map.entry("num_thread", INT),
            Map.entry("draft_num_predict", INT),
            Map.entry("num_keep", INT),
            Map.entry("seed", INT),
            Map.entry("num_predict", INT),
            Map.entry("top_k", INT),
            Map.entry("top_p", FLOAT),
            Map.entry("min_p", FLOAT),
            Map.entry("typical_p", FLOAT),
            Map.entry("repeat_last_n", INT),
            Map.entry("temperature", FLOAT),
            Map.entry("repeat_penalty", FLOAT),
            Map.entry("presence_penalty", FLOAT),
            Map.entry("frequency_penalty", FLOAT),
            Map.entry("stop", STRING_LIST));

    /** Go's strconv.ParseInt(s, 10, 64): an optional sign and decimal digits. */
    private static final Pattern GO_INT = Pattern.compile("[+-]?[0-9]+");
    /** The decimal forms of Go's strconv.ParseFloat (hex floats and underscores are left out). */
    private static final Pattern GO_FLOAT = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    /**
     * The typed value: a {@code Long}, a {@code Double} (holding the float32 value as Ollama's
     * client sends it), a {@code Boolean}, or a one-element list for {@code stop}.
     *
     * @throws ModelfileException {@code invalid int value [x]} and the like, as Ollama words them
     */
    Object convert(String text) throws ModelfileException {
        return switch (this) {
            case INT -> {
                if (!GO_INT.matcher(text).matches()) {
                    throw invalid("int", text);
                }
                try {
                    yield Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
                } catch (NumberFormatException e) {
                    throw invalid("int", text); // out of the 64-bit range
                }
            }
            case FLOAT -> parseFloat32(text);
            case BOOL -> switch (text) {
                case "1", "t", "T", "TRUE", "true", "True" -> Boolean.TRUE;
                case "0", "f", "F", "FALSE", "false", "False" -> Boolean.FALSE;
                default -> throw invalid("bool", text);
            };
            case STRING_LIST -> List.of(text);
        };
    }

    /**
     * ParseFloat(s, 32), then the float32 widened by its shortest decimal, as Go's JSON round trip
     * gives it. Infinities and NaN are refused: JSON cannot carry them, so Ollama fails on them too.
     */
    private static Double parseFloat32(String text) throws ModelfileException {
        if (!GO_FLOAT.matcher(text).matches()) {
            throw invalid("float", text);
        }
        float f = Float.parseFloat(text);
        if (Float.isInfinite(f)) {
            throw invalid("float", text); // beyond float32: Go's ErrRange
        }
        return Double.parseDouble(Float.toString(f));
    }

    private static ModelfileException invalid(String kind, String text) {
        return ModelfileException.of("invalid " + kind + " value [" + text + "]");
    }
}
