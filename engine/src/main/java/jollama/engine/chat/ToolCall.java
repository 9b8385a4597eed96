package jollama.engine.chat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A call of a tool by the model: the function name and its arguments (a JSON object). */
public record ToolCall(String name, Map<String, Object> arguments) {

    public ToolCall {
        Objects.requireNonNull(name, "name");
        arguments = arguments == null ? Map.of() : arguments;
    }

    Map<String, Object> toTemplateValue() {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", name);
        function.put("arguments", arguments);
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("type", "function");
        call.put("function", function);
        return call;
    }
}
