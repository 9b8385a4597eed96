package jollama.server.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/generate} (ollama-api.md §1.2). Fields whose JSON type varies (keep_alive,
 * think, format) stay JSON and are interpreted by the handler; {@code format}, {@code images} and
 * {@code shift} are kept for the features that will use them.
 */
public record GenerateRequest(String model, String prompt, String suffix, String system, String template,
                              List<Integer> context, Boolean stream, Boolean raw, JsonNode format, JsonNode keepAlive,
                              List<String> images, Map<String, Object> options, JsonNode think, Boolean truncate,
                              Boolean shift, Boolean logprobs, Integer topLogprobs,
                              @JsonProperty("_debug_render_only") Boolean debugRenderOnly) {

    public GenerateRequest {
        model = model == null ? "" : model;
        prompt = prompt == null ? "" : prompt;
        suffix = suffix == null ? "" : suffix;
        system = system == null ? "" : system;
        template = template == null ? "" : template;
    }
}
