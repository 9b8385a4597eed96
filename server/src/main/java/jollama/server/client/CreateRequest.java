package jollama.server.client;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * A {@code /api/create} request (§1.12), as a Modelfile is turned into one on the client: either
 * {@code from} (a model name) or {@code files} (file name to {@code sha256:<hex>} of blobs
 * uploaded before). Null and empty fields are left out.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CreateRequest(String model, String from, Map<String, String> files, String template, String system,
                            List<String> license, Map<String, Object> parameters, List<ApiMessage> messages,
                            String quantize, String requires, String renderer, String parser) {
}
