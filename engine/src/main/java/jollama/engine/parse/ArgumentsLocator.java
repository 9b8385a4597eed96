package jollama.engine.parse;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks a tool call's arguments out of a JSON object the model wrote, the way Ollama's generic tool parser
 * does (tools/tools.go {@code findArguments}): an object with a {@code name} key takes its
 * {@code arguments} or else its {@code parameters} (an object, or a string holding a JSON object); otherwise
 * a key equal to the tool name gives them; otherwise nested objects (also inside arrays) are searched in
 * key order; and when nothing matches anywhere, the whole object is the arguments.
 */
final class ArgumentsLocator {

    /** A match; {@code arguments} is null for an object that has a name but no usable arguments. */
    private record Located(Map<String, Object> arguments) {
    }

    private ArgumentsLocator() {
    }

    /**
     * The arguments for {@code toolName} in {@code object}; empty when the first object with a {@code name}
     * key has neither usable {@code arguments} nor {@code parameters}, which Ollama does not take as a call.
     */
    static Optional<Map<String, Object>> arguments(Map<String, Object> object, String toolName) {
        Located located = locate(object, toolName);
        return located == null ? Optional.of(object) : Optional.ofNullable(located.arguments());
    }

    private static Located locate(Map<String, Object> object, String toolName) {
        if (object.containsKey("name")) {
            Map<String, Object> args = asObject(object.get("arguments"));
            if (args == null) {
                args = asObject(object.get("parameters"));
            }
            return new Located(args);
        }
        Map<String, Object> args = asObject(object.get(toolName));
        if (args != null) {
            return new Located(args);
        }
        for (Object value : object.values()) {
            if (value instanceof Map<?, ?> child) {
                Located found = locate(cast(child), toolName);
                if (found != null) {
                    return found;
                }
            } else if (value instanceof List<?> items) {
                for (Object item : items) {
                    if (item instanceof Map<?, ?> child) {
                        Located found = locate(cast(child), toolName);
                        if (found != null) {
                            return found;
                        }
                    }
                }
            }
        }
        return null;
    }

    private static Map<String, Object> asObject(Object value) {
        if (value instanceof Map<?, ?> map) {
            return cast(map);
        }
        if (value instanceof String text) {
            return OrderedJson.objectOrNull(text);
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        // Jackson builds every nested object as a Map<String, Object>.
        return (Map<String, Object>) map;
    }
}
