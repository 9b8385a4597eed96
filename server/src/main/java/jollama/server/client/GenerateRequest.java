package jollama.server.client;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * A {@code /api/generate} request; null fields are left out. With an empty prompt it only loads
 * the model, or with keep_alive 0 unloads it (how {@code run} preloads and {@code stop} stops).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerateRequest(String model, String prompt, Map<String, Object> options, Object think,
                              Object keepAlive, Object format, Boolean stream) {

    public GenerateRequest {
        options = options == null || options.isEmpty() ? null : Map.copyOf(options);
    }

    /** Loads the model (or unloads it with a keep_alive of 0) without generating. */
    public static GenerateRequest load(String model, Object keepAlive, Object think) {
        return new GenerateRequest(model, null, null, think, keepAlive, null, null);
    }
}
