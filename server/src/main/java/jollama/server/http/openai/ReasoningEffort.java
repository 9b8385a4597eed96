package jollama.server.http.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import jollama.server.http.ApiError;

/**
 * OpenAI's {@code reasoning_effort} as Ollama's {@code think} value (ollama-api.md §3.6).
 */
final class ReasoningEffort {

    private ReasoningEffort() {
    }

    /**
     * @param effort the request's value, or null
     * @return the native {@code think} value: null to leave it unset (a thinking model then
     *         thinks), {@code false}, or a level
     * @throws ApiError 400 for an unknown value
     */
    static JsonNode think(String effort) {
        if (effort == null || effort.isEmpty()) {
            return null;
        }
        return switch (effort) {
            case "none" -> BooleanNode.FALSE;
            case "minimal" -> TextNode.valueOf("low");
            case "low", "medium", "high", "max" -> TextNode.valueOf(effort);
            case "xhigh", "ultra" -> TextNode.valueOf("max");
            default -> throw ApiError.badRequest("invalid reasoning value: \"" + effort
                    + "\" (must be \"minimal\", \"low\", \"medium\", \"high\", \"xhigh\", \"ultra\", \"max\", or \"none\")");
        };
    }
}
