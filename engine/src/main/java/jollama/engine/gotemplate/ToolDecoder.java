package jollama.engine.gotemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns tool definitions, as JSON objects parsed into Java maps, into the values Ollama's
 * templates see: first what Go's encoding/json makes of them in api.Tool (unknown keys
 * dropped, keys matched case-insensitively, numbers in free-form parts as float64), then
 * Ollama's conversion for templates, which turns the top-level parameter properties into a
 * plain Go map, so templates see (and {@code json} writes) them in sorted key order, while
 * properties nested inside a property keep their order.
 */
final class ToolDecoder {

    private ToolDecoder() {
    }

    /** The {@code .Tools} value: nil when there are none given. */
    static GoSlice tools(List<? extends Map<String, ?>> tools) {
        if (tools == null) {
            return GoSlice.nil(OllamaTypes.TOOLS);
        }
        List<Object> converted = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            converted.add(tool(tools.get(i), "tools[" + i + "]"));
        }
        return new GoSlice(OllamaTypes.TOOLS, converted);
    }

    private static GoStruct tool(Map<String, ?> json, String path) {
        Map<String, ?> function = object(json, "function", path);
        Map<String, ?> parameters = object(function, "parameters", path + ".function");
        String parametersPath = path + ".function.parameters";
        GoStruct params = OllamaTypes.TOOL_PARAMETERS.of(
                string(parameters, "type", parametersPath),
                any(parameters, "$defs"),
                any(parameters, "items"),
                strings(parameters, "required", parametersPath),
                topLevelProperties(parameters, parametersPath));
        GoStruct fn = OllamaTypes.TOOL_FUNCTION.of(
                string(function, "name", path + ".function"),
                string(function, "description", path + ".function"),
                params);
        return OllamaTypes.TOOL.of(string(json, "type", path), any(json, "items"), fn);
    }

    /** templateProperties: a plain map (sorted), nil when the JSON had no properties object. */
    private static GoMap topLevelProperties(Map<String, ?> parameters, String path) {
        Map<String, Object> properties = properties(parameters, path);
        return new GoMap(OllamaTypes.PROPERTIES, properties, false, OllamaTypes.ZERO_PROPERTY);
    }

    /** The properties object as ToolProperty values in JSON order, or null when absent or null. */
    private static Map<String, Object> properties(Map<String, ?> owner, String path) {
        Object value = lookup(owner, "properties");
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw mismatch(path + ".properties", value, "an object");
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        map.forEach((k, v) -> properties.put(String.valueOf(k), property(v, path + ".properties." + k)));
        return properties;
    }

    private static GoStruct property(Object json, String path) {
        if (json == null) {
            return OllamaTypes.ZERO_PROPERTY;
        }
        if (!(json instanceof Map<?, ?> raw)) {
            throw mismatch(path, json, "an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> map = (Map<String, ?>) raw;
        List<Object> anyOf = null;
        Object anyOfJson = lookup(map, "anyOf");
        if (anyOfJson instanceof List<?> list) {
            anyOf = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                anyOf.add(property(list.get(i), path + ".anyOf[" + i + "]"));
            }
        } else if (anyOfJson != null) {
            throw mismatch(path + ".anyOf", anyOfJson, "an array");
        }
        Map<String, Object> nested = properties(map, path);
        Object enumJson = lookup(map, "enum");
        if (enumJson != null && !(enumJson instanceof List<?>)) {
            throw mismatch(path + ".enum", enumJson, "an array");
        }
        return OllamaTypes.TOOL_PROPERTY.of(
                new GoSlice(OllamaTypes.PROPERTY_LIST, anyOf),
                propertyType(lookup(map, "type"), path + ".type"),
                any(map, "items"),
                string(map, "description", path),
                enumJson == null ? GoSlice.nil(GoType.ANY_SLICE) : GoValues.fromJson(enumJson),
                nested == null ? null : new GoMap(OllamaTypes.ORDERED_PROPERTIES, nested, true, OllamaTypes.ZERO_PROPERTY),
                strings(map, "required", path));
    }

    /** api.PropertyType accepts a string or an array of strings. */
    private static GoSlice propertyType(Object json, String path) {
        return switch (json) {
            case null -> GoSlice.nil(OllamaTypes.PROPERTY_TYPE);
            case String s -> new GoSlice(OllamaTypes.PROPERTY_TYPE, List.of(s));
            case List<?> list -> {
                List<Object> types = new ArrayList<>();
                for (Object t : list) {
                    if (!(t instanceof String s)) {
                        throw mismatch(path, json, "a string or an array of strings");
                    }
                    types.add(s);
                }
                yield new GoSlice(OllamaTypes.PROPERTY_TYPE, types);
            }
            default -> throw mismatch(path, json, "a string or an array of strings");
        };
    }

    private static Map<String, ?> object(Map<String, ?> owner, String key, String path) {
        Object value = lookup(owner, key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw mismatch(path + "." + key, value, "an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> map = (Map<String, ?>) value;
        return map;
    }

    private static String string(Map<String, ?> owner, String key, String path) {
        Object value = lookup(owner, key);
        if (value == null) {
            return "";
        }
        if (!(value instanceof String s)) {
            throw mismatch(path + "." + key, value, "a string");
        }
        return s;
    }

    private static GoSlice strings(Map<String, ?> owner, String key, String path) {
        Object value = lookup(owner, key);
        if (value == null) {
            return GoSlice.nil(GoType.STRING_SLICE);
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(v -> v instanceof String)) {
            throw mismatch(path + "." + key, value, "an array of strings");
        }
        return new GoSlice(GoType.STRING_SLICE, new ArrayList<>(list));
    }

    private static Object any(Map<String, ?> owner, String key) {
        return GoValues.fromJson(lookup(owner, key));
    }

    /** encoding/json matches keys to fields exactly first, then ignoring case. */
    private static Object lookup(Map<String, ?> owner, String key) {
        if (owner.containsKey(key)) {
            return owner.get(key);
        }
        for (Map.Entry<String, ?> entry : owner.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(key)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static IllegalArgumentException mismatch(String path, Object value, String expected) {
        return new IllegalArgumentException(path + ": expected " + expected + ", got "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }
}
