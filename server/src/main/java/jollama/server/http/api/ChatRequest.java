package jollama.server.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/chat} (ollama-api.md §1.3). {@code tools} keep their key order (they are
 * rendered into the prompt); {@code format} and {@code shift} are kept for later features.
 */
public record ChatRequest(String model, List<ApiMessage> messages, List<Map<String, Object>> tools, JsonNode format,
                          Map<String, Object> options, Boolean stream, JsonNode keepAlive, JsonNode think,
                          Boolean truncate, Boolean shift, Boolean logprobs, Integer topLogprobs,
                          @JsonProperty("_debug_render_only") Boolean debugRenderOnly) {

    public ChatRequest {
        model = model == null ? "" : model;
        messages = messages == null ? List.of() : messages;
        tools = tools == null ? List.of() : tools;
    }
}
