package jollama.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import jollama.server.http.sched.KeepAlive;

import java.util.Set;

/**
 * The request fields whose JSON type varies, decoded as Ollama's Go types decode them
 * (ollama-api.md §1.1). Their errors are decoding errors: 400, before anything else is checked.
 */
final class RequestValues {

    private static final Set<String> THINK_LEVELS = Set.of("high", "medium", "low", "max");

    private RequestValues() {
    }

    /**
     * {@code keep_alive}: null when absent (or JSON null); a number is seconds, a string a Go
     * duration; negative means forever.
     *
     * @throws ApiError 400 {@code time: missing unit in duration "3600"} and the like, or
     *                  {@code Unsupported type: 'bool'} for other JSON types
     */
    static KeepAlive keepAlive(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            return KeepAlive.ofSeconds(node.asDouble());
        }
        if (node.isTextual()) {
            try {
                return KeepAlive.parse(node.asText());
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest(e.getMessage());
            }
        }
        throw ApiError.badRequest("Unsupported type: '" + goType(node) + "'");
    }

    /**
     * {@code think}: null when absent, else whether to think (a level such as "high" means yes).
     *
     * @throws ApiError 400 for strings other than the levels and for other JSON types
     */
    static Boolean think(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isTextual()) {
            String level = node.asText();
            if (!THINK_LEVELS.contains(level)) {
                throw ApiError.badRequest("invalid think value: \"" + level
                        + "\" (must be \"high\", \"medium\", \"low\", \"max\", true, or false)");
            }
            return true;
        }
        throw ApiError.badRequest("think must be a boolean or string (\"high\", \"medium\", \"low\", \"max\", true, or false)");
    }

    /** {@code top_logprobs}: 0 to 20. */
    static int topLogprobs(Integer value) {
        int v = value == null ? 0 : value;
        if (v < 0 || v > 20) {
            throw ApiError.badRequest("top_logprobs must be between 0 and 20");
        }
        return v;
    }

    /** Go's reflect type name of a decoded JSON value, as in Ollama's keep_alive error. */
    private static String goType(JsonNode node) {
        if (node.isBoolean()) {
            return "bool";
        }
        if (node.isArray()) {
            return "[]interface {}";
        }
        if (node.isObject()) {
            return "map[string]interface {}";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
