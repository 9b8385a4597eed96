package jollama.server.http.api;

import java.util.List;
import java.util.Map;

/**
 * {@code /api/show} (§1.8). {@code model_info} is always an object because clients crash on null;
 * empty texts are left out (null), as Go's omitempty does.
 */
public record ShowResponse(String license, String modelfile, String parameters, String template, String system,
                           DetailsJson details, List<MessageJson> messages, Map<String, Object> modelInfo,
                           List<TensorJson> tensors, List<String> capabilities, String modifiedAt) {

    public record MessageJson(String role, String content) {
    }

    public record TensorJson(String name, String type, long[] shape) {
    }
}
