package jollama.server.http.openai;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code POST /v1/embeddings} (ollama-api.md §3.3): {@code input} is a string or an array of
 * strings; {@code encoding_format} is {@code float} (the default) or {@code base64}.
 */
public record EmbeddingRequest(String model, JsonNode input, Integer dimensions, String encodingFormat) {

    public EmbeddingRequest {
        model = model == null ? "" : model;
    }
}
