package jollama.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import jollama.engine.structured.InvalidFormatException;
import jollama.engine.structured.JsonConstraint;
import jollama.engine.structured.UnsupportedSchemaException;

/**
 * The {@code format} field (§1.1): missing, null or "" is free text; "json" any JSON object; a
 * JSON Schema object its instances. Compiled schemas are not cached: compiling takes milliseconds.
 */
final class StructuredFormats {

    private StructuredFormats() {
    }

    /** The constraint, or null for free text. */
    static JsonConstraint of(JsonNode format) {
        try {
            return JsonConstraint.forFormat(format).orElse(null);
        } catch (UnsupportedSchemaException e) {
            throw ApiError.badRequest(e.getMessage());
        } catch (InvalidFormatException e) {
            throw new ApiError(500, e.getMessage(), e); // Ollama fails this at generation time, with 500
        }
    }
}
