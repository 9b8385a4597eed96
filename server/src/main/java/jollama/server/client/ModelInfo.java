package jollama.server.client;

import java.util.List;
import java.util.Map;

/**
 * What {@code /api/show} tells about a model. Texts the server leaves out are null.
 *
 * @param parameters one line per option, the key padded to 30 columns
 * @param modelInfo  GGUF key/values (numbers come as Double, Long or Integer), never null
 * @param tensors    the GGUF tensors, empty when the server sends none
 */
public record ModelInfo(String license, String modelfile, String parameters, String template, String system,
                        ModelDetails details, List<ApiMessage> messages, Map<String, Object> modelInfo,
                        Map<String, Object> projectorInfo, List<Tensor> tensors, List<String> capabilities,
                        String modifiedAt, String requires) {

    /** One tensor: its name, ggml type ("Q4_K") and shape, row length first. */
    public record Tensor(String name, String type, List<Long> shape) {
    }

    public ModelInfo {
        details = details == null ? ModelDetails.EMPTY : details;
        messages = messages == null ? List.of() : messages;
        modelInfo = modelInfo == null ? Map.of() : modelInfo;
        tensors = tensors == null ? List.of() : tensors;
        capabilities = capabilities == null ? List.of() : capabilities;
    }

    public boolean has(String capability) {
        return capabilities.contains(capability);
    }
}
