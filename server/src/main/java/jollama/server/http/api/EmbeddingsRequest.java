package jollama.server.http.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** {@code POST /api/embeddings}, the legacy single-prompt form (§1.6). */
public record EmbeddingsRequest(String model, String prompt, JsonNode keepAlive, Map<String, Object> options) {

    public EmbeddingsRequest {
        model = model == null ? "" : model;
        prompt = prompt == null ? "" : prompt;
    }
}
