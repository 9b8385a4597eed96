package jollama.engine.gotemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Go types Ollama hands its templates (template/template.go's template* types and
 * api.ToolProperty), with the String and MarshalJSON methods that decide how they print.
 * Fields are listed in Go's declaration order, which is also their JSON order.
 */
final class OllamaTypes {

    private OllamaTypes() {
    }

    /**
     * Whether {@code {{ .Function }}} and {@code {{ .Function.Parameters }}} print as JSON.
     * Upstream Ollama (since v0.14, issue ollama/ollama#14601, still open) gives those two types no
     * String method, so they print in Go struct syntax and break the tool list of templates such
     * as qwen3's ({@code {"type": "function", "function": {{ .Function }}}}). We print the JSON
     * those templates were written for, as Ollama did before v0.14 and as its proposed fix does.
     */
    static final boolean FUNCTION_PRINTS_AS_JSON = true;

    private static String jsonOrEmptyObject(Object value) {
        return value instanceof GoMap m && m.isNil() ? "{}" : GoJson.marshal(value);
    }

    static final GoType ARGS = new GoType("template.templateArgs", OllamaTypes::jsonOrEmptyObject, null);
    static final GoType PROPERTIES = new GoType("template.templateProperties", OllamaTypes::jsonOrEmptyObject, null);
    static final GoType ORDERED_PROPERTIES = GoType.plain("*api.ToolPropertiesMap");
    static final GoType TOOLS = new GoType("template.templateTools", GoJson::marshal, null);
    static final GoType MESSAGES = GoType.plain("[]*template.templateMessage");
    static final GoType TOOL_CALLS = GoType.plain("[]template.templateToolCall");
    static final GoType IMAGES = GoType.plain("[]api.ImageData");
    static final GoType IMAGE_DATA = GoType.plain("api.ImageData");
    static final GoType PROPERTY_LIST = GoType.plain("[]api.ToolProperty");
    static final GoType PROPERTY_TYPE = new GoType("api.PropertyType", OllamaTypes::propertyTypeString,
            OllamaTypes::propertyTypeJson);

    static final StructType MESSAGE = new StructType(GoType.plain("*template.templateMessage"), List.of(
            StructType.Field.untagged("Role"), StructType.Field.untagged("Content"),
            StructType.Field.untagged("Thinking"), StructType.Field.untagged("Images"),
            StructType.Field.untagged("ToolCalls"), StructType.Field.untagged("ToolName"),
            StructType.Field.untagged("ToolCallID")), Map.of());

    static final StructType TOOL_CALL = new StructType(GoType.plain("template.templateToolCall"), List.of(
            StructType.Field.untagged("ID"), StructType.Field.untagged("Function")), Map.of());

    static final StructType TOOL_CALL_FUNCTION = new StructType(GoType.plain("template.templateToolCallFunction"),
            List.of(StructType.Field.untagged("Index"), StructType.Field.untagged("Name"),
                    StructType.Field.untagged("Arguments")), Map.of());

    static final StructType TOOL = new StructType(new GoType("template.templateTool", GoJson::marshal, null), List.of(
            StructType.Field.json("Type", "type"), StructType.Field.omitEmpty("Items", "items"),
            StructType.Field.json("Function", "function")), Map.of());

    static final StructType TOOL_FUNCTION = new StructType(new GoType("template.templateToolFunction",
            FUNCTION_PRINTS_AS_JSON ? GoJson::marshal : null, null), List.of(
            StructType.Field.json("Name", "name"), StructType.Field.json("Description", "description"),
            StructType.Field.json("Parameters", "parameters")), Map.of());

    static final StructType TOOL_PARAMETERS = new StructType(new GoType("template.templateToolFunctionParameters",
            FUNCTION_PRINTS_AS_JSON ? GoJson::marshal : null, null), List.of(
            StructType.Field.json("Type", "type"), StructType.Field.omitEmpty("Defs", "$defs"),
            StructType.Field.omitEmpty("Items", "items"), StructType.Field.omitEmpty("Required", "required"),
            StructType.Field.json("Properties", "properties")), Map.of());

    static final StructType TOOL_PROPERTY = new StructType(GoType.plain("api.ToolProperty"), List.of(
            StructType.Field.omitEmpty("AnyOf", "anyOf"), StructType.Field.omitEmpty("Type", "type"),
            StructType.Field.omitEmpty("Items", "items"), StructType.Field.omitEmpty("Description", "description"),
            StructType.Field.omitEmpty("Enum", "enum"), StructType.Field.omitEmpty("Properties", "properties"),
            StructType.Field.omitEmpty("Required", "required")),
            Map.of("ToTypeScriptType", OllamaTypes::toTypeScriptType));

    /** The zero ToolProperty, which a missing key of a properties map yields. */
    static final GoStruct ZERO_PROPERTY = TOOL_PROPERTY.of(GoSlice.nil(PROPERTY_LIST), GoSlice.nil(PROPERTY_TYPE),
            null, "", GoSlice.nil(GoType.ANY_SLICE), null, GoSlice.nil(GoType.STRING_SLICE));

    /** PropertyType.String: "" for none, the type for one, Go's [a b] list for several. */
    private static String propertyTypeString(Object value) {
        List<Object> types = ((GoSlice) value).elements();
        return switch (types.size()) {
            case 0 -> "";
            case 1 -> (String) types.getFirst();
            default -> GoFmt.value(new GoSlice(GoType.STRING_SLICE, types));
        };
    }

    /** PropertyType.MarshalJSON: a single type as a string, otherwise an array. */
    private static String propertyTypeJson(Object value) {
        GoSlice types = (GoSlice) value;
        if (types.length() == 1) {
            return GoJson.marshal(types.elements().getFirst());
        }
        return GoJson.marshal(new GoSlice(GoType.STRING_SLICE, types.items()));
    }

    /** api.ToolProperty.ToTypeScriptType. */
    static String toTypeScriptType(GoStruct property) {
        GoSlice anyOf = (GoSlice) property.field("AnyOf");
        if (anyOf.length() > 0) {
            List<String> types = new ArrayList<>();
            for (Object alternative : anyOf.elements()) {
                types.add(toTypeScriptType((GoStruct) alternative));
            }
            return String.join(" | ", types);
        }
        List<Object> types = ((GoSlice) property.field("Type")).elements();
        if (types.isEmpty()) {
            return "any";
        }
        List<String> mapped = new ArrayList<>();
        for (Object type : types) {
            mapped.add(switch ((String) type) {
                case "string" -> "string";
                case "number", "integer" -> "number";
                case "boolean" -> "boolean";
                case "array" -> "any[]";
                case "object" -> "Record<string, any>";
                case "null" -> "null";
                default -> "any";
            });
        }
        return String.join(" | ", mapped);
    }
}
