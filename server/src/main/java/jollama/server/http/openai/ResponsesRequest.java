package jollama.server.http.openai;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/responses}, stateless (ollama-api.md §3.5). {@code input} is a string or an
 * array of items ({@code message}, {@code function_call}, {@code function_call_output},
 * {@code reasoning}); {@code text.format} asks for structured output. {@code tool_choice} and
 * {@code truncation} are accepted and ignored; {@code previous_response_id} and
 * {@code conversation} need stored state, which this server does not keep.
 */
public record ResponsesRequest(String model, JsonNode input, String instructions, List<Map<String, Object>> tools,
                               Boolean stream, Double temperature, Double topP, Integer maxOutputTokens,
                               ChatCompletionRequest.Reasoning reasoning, Text text, String previousResponseId,
                               JsonNode conversation, Map<String, Object> metadata) {

    public ResponsesRequest {
        model = model == null ? "" : model;
        tools = tools == null ? List.of() : tools;
    }

    /** {@code text: {"format": {"type": "text" | "json_object" | "json_schema", ...}}}. */
    public record Text(JsonNode format) {
    }

    boolean streaming() {
        return Boolean.TRUE.equals(stream);
    }
}
