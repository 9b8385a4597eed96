package jollama.server.http.openai;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Go type a JSON value decodes to inside {@code interface{}}, as Ollama's OpenAI layer names
 * it in its error texts ({@code invalid message content type: <nil>}).
 */
final class GoTypes {

    private GoTypes() {
    }

    static String of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "<nil>";
        }
        if (node.isTextual()) {
            return "string";
        }
        if (node.isNumber()) {
            return "float64";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        if (node.isArray()) {
            return "[]interface {}";
        }
        return "map[string]interface {}";
    }
}
