package jollama.engine.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the JSON body of a Qwen3 {@code <tool_call>} block, {@code {"name": "...", "arguments": {...}}},
 * the way Ollama does (Go {@code json.Unmarshal} into a struct with a string {@code name} and a map
 * {@code arguments}): other keys are ignored, key names match case-insensitively, {@code null} leaves a
 * field empty, a repeated {@code arguments} object is merged into the earlier one, and the whole text must
 * be exactly one JSON value. Syntax errors win over type errors, as in Go, which validates first.
 */
final class Qwen3ToolCallBody {

    record Parsed(String name, Map<String, Object> arguments) {
    }

    private Qwen3ToolCallBody() {
    }

    static Parsed parse(String raw) {
        String name = "";
        Map<String, Object> arguments = new LinkedHashMap<>();
        String typeError = null;
        try (JsonParser p = OrderedJson.MAPPER.createParser(raw)) {
            JsonToken token = p.nextToken();
            if (token == null) {
                throw syntax("unexpected end of JSON input");
            }
            if (token == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonToken value = p.nextToken();
                    if (key.equalsIgnoreCase("name")) {
                        if (value == JsonToken.VALUE_STRING) {
                            name = p.getText();
                        } else if (value != JsonToken.VALUE_NULL) {
                            typeError = typeError != null ? typeError : mismatch(value, "name", "string");
                            p.skipChildren();
                        }
                    } else if (key.equalsIgnoreCase("arguments")) {
                        if (value == JsonToken.START_OBJECT) {
                            arguments.putAll(OrderedJson.MAPPER.readValue(p, OrderedJson.ORDERED_MAP));
                        } else if (value == JsonToken.VALUE_NULL) {
                            arguments.clear();
                        } else {
                            typeError = typeError != null ? typeError : mismatch(value, "arguments", "object");
                            p.skipChildren();
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            } else if (token != JsonToken.VALUE_NULL) {
                typeError = "cannot unmarshal " + kind(token) + " into an object";
                p.skipChildren();
            }
            if (p.nextToken() != null) {
                throw syntax("invalid character after top-level value");
            }
        } catch (JsonProcessingException e) {
            throw syntax(e.getOriginalMessage());
        } catch (IOException e) {
            throw syntax(e.getMessage());
        }
        if (typeError != null) {
            throw syntax(typeError);
        }
        if (name.isEmpty()) {
            throw new OutputParseException("empty function name");
        }
        return new Parsed(name, arguments);
    }

    private static OutputParseException syntax(String detail) {
        return new OutputParseException("failed to parse JSON: " + detail);
    }

    private static String mismatch(JsonToken token, String field, String expected) {
        return "cannot unmarshal " + kind(token) + " into field " + field + " of type " + expected;
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "bool";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }
}
