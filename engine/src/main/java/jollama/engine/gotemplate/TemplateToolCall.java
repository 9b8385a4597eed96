package jollama.engine.gotemplate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A tool call of an earlier assistant message, as Ollama's templates see it
 * ({@code .ID}, {@code .Function.Index}, {@code .Function.Name}, {@code .Function.Arguments}).
 *
 * @param id        the call id ("" for none)
 * @param index     the call's index within its message
 * @param arguments the arguments as a parsed JSON object (numbers become float64, as in Go);
 *                  null when the call had none
 */
public record TemplateToolCall(String id, int index, String name, Map<String, Object> arguments) {

    public TemplateToolCall {
        id = id == null ? "" : id;
        Objects.requireNonNull(name, "name");
        arguments = arguments == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    public static TemplateToolCall of(String name, Map<String, Object> arguments) {
        return new TemplateToolCall("", 0, name, arguments);
    }
}
