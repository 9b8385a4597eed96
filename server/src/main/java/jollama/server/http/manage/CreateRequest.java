package jollama.server.http.manage;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The body of {@code POST /api/create} (§1.12, Ollama's {@code api.CreateRequest}). The old
 * {@code modelfile} and {@code path} fields are gone upstream and ignored here too.
 *
 * @param name         deprecated spelling of {@code model}
 * @param files        file name → {@code sha256:<hex>} of blobs uploaded through /api/blobs
 * @param adapters     same form; refused (jollama runs no LoRA adapters)
 * @param license      a string or an array of strings
 * @param parameters   options, typed as JSON ({@code stop} an array)
 * @param quantization deprecated spelling of {@code quantize}
 * @param stream       null means true
 */
public record CreateRequest(String model, String name, String from, Map<String, String> files,
                            Map<String, String> adapters, String template, String system, JsonNode license,
                            Map<String, Object> parameters, List<Message> messages, String quantize,
                            String quantization, String renderer, String parser, String requires, Boolean stream) {

    /** A MESSAGE; the role is lower-cased on input, as Ollama's Message decoding does. */
    public record Message(String role, String content) {
        public Message {
            role = role == null ? "" : role.toLowerCase(Locale.ROOT);
            content = content == null ? "" : content;
        }
    }
}
