package jollama.server.http.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import jollama.server.http.ApiError;

/**
 * OpenAI's structured-output requests as Ollama's {@code format} value (ollama-api.md §3.1, §1.1):
 * the result goes into the native request's {@code format} field, the one place where the native
 * API's own {@code format} goes, so whatever constrains native output constrains OpenAI output too.
 */
final class ResponseFormats {

    private ResponseFormats() {
    }

    /**
     * Chat's {@code response_format}: {@code text} → none, {@code json_object} → {@code "json"},
     * {@code json_schema} → its {@code json_schema.schema}.
     *
     * @return the native format, or null for none
     * @throws ApiError 400 for an unknown type or a json_schema without a schema object
     */
    static JsonNode chat(JsonNode responseFormat) {
        if (responseFormat == null || responseFormat.isNull() || responseFormat.isMissingNode()) {
            return null;
        }
        if (!responseFormat.isObject()) {
            throw ApiError.badRequest("invalid response_format: must be an object with a \"type\"");
        }
        return format(responseFormat.path("type").asText(""), responseFormat.path("json_schema").path("schema"),
                "response_format.json_schema.schema");
    }

    /**
     * The Responses API's {@code text.format}: the same types, with the schema beside the type
     * ({@code {"type":"json_schema","name":...,"schema":{...}}}).
     */
    static JsonNode responses(JsonNode textFormat) {
        if (textFormat == null || textFormat.isNull() || textFormat.isMissingNode()) {
            return null;
        }
        if (!textFormat.isObject()) {
            throw ApiError.badRequest("invalid text.format: must be an object with a \"type\"");
        }
        return format(textFormat.path("type").asText(""), textFormat.path("schema"), "text.format.schema");
    }

    private static JsonNode format(String type, JsonNode schema, String schemaPath) {
        return switch (type) {
            case "", "text" -> null;
            case "json_object" -> TextNode.valueOf("json");
            case "json_schema" -> {
                if (!schema.isObject()) {
                    throw ApiError.badRequest("invalid json_schema: '" + schemaPath + "' must be a JSON Schema object");
                }
                yield schema;
            }
            default -> throw ApiError.badRequest("invalid response format type: \"" + type
                    + "\" (must be \"text\", \"json_object\", or \"json_schema\")");
        };
    }
}
