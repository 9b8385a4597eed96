package jollama.engine.gotemplate;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The functions Ollama adds to Go's: {@code json} (encoding/json, errors give ""),
 * {@code currentDate} and {@code yesterdayDate} (YYYY-MM-DD in the clock's zone; they accept
 * and ignore string arguments) and {@code toTypeScriptType} (for tool properties, "any" for
 * anything else).
 */
final class OllamaFunctions {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    private OllamaFunctions() {
    }

    static Map<String, GoFunction> withBuiltins(Clock clock) {
        Map<String, GoFunction> functions = new LinkedHashMap<>(Builtins.all());
        functions.put("json", GoFunction.fixed("json", 1, args -> json(args.getFirst())));
        functions.put("currentDate", GoFunction.variadic("currentDate", 0, GoFunction.Param.STRING,
                args -> LocalDate.now(clock).format(DATE)));
        functions.put("yesterdayDate", GoFunction.variadic("yesterdayDate", 0, GoFunction.Param.STRING,
                args -> LocalDate.now(clock).minusDays(1).format(DATE)));
        functions.put("toTypeScriptType", GoFunction.fixed("toTypeScriptType", 1, args ->
                args.getFirst() instanceof GoStruct s && s.structType() == OllamaTypes.TOOL_PROPERTY
                        ? OllamaTypes.toTypeScriptType(s) : "any"));
        return functions;
    }

    private static String json(Object value) {
        try {
            return GoJson.marshal(value);
        } catch (GoJson.UnsupportedValueException e) {
            return "";
        }
    }
}
