package jollama.server.http.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** {@code POST /api/embed} (§1.5): {@code input} is a string or an array of strings. */
public record EmbedRequest(String model, JsonNode input, Boolean truncate, Integer dimensions, JsonNode keepAlive,
                           Map<String, Object> options) {

    public EmbedRequest {
        model = model == null ? "" : model;
    }
}
