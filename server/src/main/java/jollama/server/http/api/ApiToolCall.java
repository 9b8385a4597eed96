package jollama.server.http.api;

import java.util.Map;

/** {@code {"id"?, "function": {"index", "name", "arguments": {...}}}}: arguments are an object natively. */
public record ApiToolCall(String id, Function function) {

    public record Function(Integer index, String name, Map<String, Object> arguments) {
    }
}
