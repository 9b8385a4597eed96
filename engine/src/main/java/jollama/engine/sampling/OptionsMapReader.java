package jollama.engine.sampling;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies a JSON-decoded options map onto a layer, type-checking each known option the way
 * Ollama's {@code Options.FromMap} does (same error wording).
 */
final class OptionsMapReader {
    private OptionsMapReader() {
    }

    static GenerationOptions apply(GenerationOptions base, Map<String, ?> options) {
        if (options == null || options.isEmpty()) {
            return base;
        }
        GenerationOptions.Builder b = base.toBuilder();
        for (Map.Entry<String, ?> entry : options.entrySet()) {
            OptionName name = OptionName.byJsonName(entry.getKey());
            Object value = entry.getValue();
            // Unknown and deprecated names are ignored; a JSON null means "not given".
            if (name == null || value == null) {
                continue;
            }
            set(b, name, value);
        }
        return b.build();
    }

    private static void set(GenerationOptions.Builder b, OptionName name, Object value) {
        switch (name) {
            case NUM_CTX -> b.numCtx(toInt(name, value));
            case NUM_BATCH -> b.numBatch(toInt(name, value));
            case NUM_GPU -> b.numGpu(toInt(name, value));
            case MAIN_GPU -> b.mainGpu(toInt(name, value));
            case USE_MMAP -> b.useMmap(toBoolean(name, value));
            case NUM_THREAD -> b.numThread(toInt(name, value));
            case DRAFT_NUM_PREDICT -> b.draftNumPredict(toInt(name, value));
            case NUM_KEEP -> b.numKeep(toInt(name, value));
            case SEED -> b.seed(toLong(name, value));
            case NUM_PREDICT -> b.numPredict(toInt(name, value));
            case TOP_K -> b.topK(toInt(name, value));
            case TOP_P -> b.topP(toFloat(name, value));
            case MIN_P -> b.minP(toFloat(name, value));
            case TYPICAL_P -> b.typicalP(toFloat(name, value));
            case REPEAT_LAST_N -> b.repeatLastN(toInt(name, value));
            case TEMPERATURE -> b.temperature(toFloat(name, value));
            case REPEAT_PENALTY -> b.repeatPenalty(toFloat(name, value));
            case PRESENCE_PENALTY -> b.presencePenalty(toFloat(name, value));
            case FREQUENCY_PENALTY -> b.frequencyPenalty(toFloat(name, value));
            case STOP -> b.stop(toStringList(name, value));
        }
    }

    /** Go decodes every JSON number as float64 and converts with int64(x): truncation toward zero. */
    private static long toLong(OptionName name, Object value) {
        return switch (value) {
            case Integer i -> i;
            case Long l -> l;
            case Short s -> s;
            case Byte b -> b;
            case BigInteger bi -> bi.longValue();
            case BigDecimal bd -> bd.longValue();
            case Number n -> (long) n.doubleValue(); // Double and Float; Java's cast truncates and saturates
            default -> throw wrongType(name);
        };
    }

    private static int toInt(OptionName name, Object value) {
        long v = toLong(name, value);
        return Math.clamp(v, Integer.MIN_VALUE, Integer.MAX_VALUE); // saturate, as a 64-bit Go int would not overflow
    }

    private static float toFloat(OptionName name, Object value) {
        if (value instanceof Number n) {
            // A JSON integer is still a number to Go's decoder, so "temperature": 1 is fine.
            return n.floatValue();
        }
        throw wrongType(name);
    }

    private static boolean toBoolean(OptionName name, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw wrongType(name);
    }

    private static List<String> toStringList(OptionName name, Object value) {
        if (!(value instanceof List<?> list)) {
            throw wrongType(name);
        }
        List<String> strings = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw new InvalidOptionException(name.jsonName(),
                        "option " + quoted(name.jsonName()) + " must be of an array of strings");
            }
            strings.add(s);
        }
        return strings;
    }

    private static InvalidOptionException wrongType(OptionName name) {
        return new InvalidOptionException(name.jsonName(),
                "option " + quoted(name.jsonName()) + " must be of type " + name.kind().typeName());
    }

    /** Go's %q for the plain ASCII names used here. */
    private static String quoted(String s) {
        return '"' + s + '"';
    }
}
