package jollama.engine.gotemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tool definitions and calls as a JSON parser hands them over (insertion-ordered maps). */
final class ToolFixtures {

    private ToolFixtures() {
    }

    @SafeVarargs
    static Map<String, Object> object(Map.Entry<String, Object>... entries) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : entries) {
            m.put(e.getKey(), e.getValue());
        }
        return m;
    }

    static Map.Entry<String, Object> kv(String key, Object value) {
        return Map.entry(key, value);
    }

    /**
     * get_weather with its properties deliberately out of alphabetical order ("unit" before
     * "city") and the JSON keys in an unusual order, as a client might send them.
     */
    static Map<String, Object> weatherTool() {
        return object(
                kv("function", object(
                        kv("parameters", object(
                                kv("properties", object(
                                        kv("unit", object(kv("type", "string"), kv("description", "Temperature unit"),
                                                kv("enum", List.of("celsius", "fahrenheit")))),
                                        kv("city", object(kv("description", "The city name"), kv("type", "string"))))),
                                kv("required", List.of("city")),
                                kv("type", "object"))),
                        kv("description", "Get the current weather for a city"),
                        kv("name", "get_weather"))),
                kv("type", "function"));
    }

    /** How Go writes weatherTool's function: struct field order, sorted top-level properties. */
    static final String WEATHER_FUNCTION_JSON = "{\"name\":\"get_weather\",\"description\":\"Get the current weather for a city\","
            + "\"parameters\":{\"type\":\"object\",\"required\":[\"city\"],\"properties\":{"
            + "\"city\":{\"type\":\"string\",\"description\":\"The city name\"},"
            + "\"unit\":{\"type\":\"string\",\"description\":\"Temperature unit\",\"enum\":[\"celsius\",\"fahrenheit\"]}}}}";

    static final String WEATHER_TOOL_JSON = "{\"type\":\"function\",\"function\":" + WEATHER_FUNCTION_JSON + "}";
}
