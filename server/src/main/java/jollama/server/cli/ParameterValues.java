package jollama.server.cli;

import jollama.engine.sampling.GenerationOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options typed as text ({@code /set parameter temperature 0.2}, {@code --parameter
 * num_predict=64}) turned into the values an options map holds. The option's own type check
 * ({@link GenerationOptions#withOverrides}) then gives Ollama's error for a value of the wrong kind.
 */
final class ParameterValues {

    private ParameterValues() {
    }

    /**
     * One option from its words; {@code stop} takes them all, the others the first.
     *
     * @throws IllegalArgumentException for an unknown name or a value of the wrong kind (Ollama's wording)
     */
    static Map<String, Object> parse(String name, List<String> values) {
        if (!GenerationOptions.isKnownOption(name)) {
            throw new IllegalArgumentException("unknown parameter '" + name + "'");
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("parameter '" + name + "' needs a value");
        }
        Object value = name.equals("stop") ? List.copyOf(values) : scalar(values.getFirst());
        Map<String, Object> option = Map.of(name, value);
        GenerationOptions.defaults().withOverrides(option); // throws InvalidOptionException for the wrong kind
        return option;
    }

    /** {@code name=value,name=value}, as {@code --parameter} takes it. */
    static Map<String, Object> parseList(String text) {
        Map<String, Object> options = new LinkedHashMap<>();
        for (String item : text.split(",")) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--parameter takes NAME=VALUE[,NAME=VALUE...], not '" + item + "'");
            }
            String name = item.substring(0, eq).strip();
            String value = item.substring(eq + 1).strip();
            if (name.equals("stop") && options.get("stop") instanceof List<?> earlier) {
                // several stop strings: stop=a,stop=b
                List<Object> all = new ArrayList<>(earlier);
                all.add(value);
                options.put(name, List.copyOf(all));
            } else {
                options.putAll(parse(name, List.of(value)));
            }
        }
        return options;
    }

    private static Object scalar(String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notWhole) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException notNumber) {
                return text; // left to the option's type check, which names the kind it wants
            }
        }
    }
}
