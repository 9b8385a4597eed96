package jollama.server.client;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * A {@code /api/chat} request; null fields are left out, so the server's defaults apply
 * (streaming on, the model's think default, OLLAMA_KEEP_ALIVE).
 *
 * @param think     null, a Boolean, or a level such as "high"
 * @param keepAlive null, a Go duration string, or a number of seconds (negative: forever)
 * @param format    null, "json", or a JSON Schema object
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatRequest(String model, List<ApiMessage> messages, Map<String, Object> options, Object think,
                          Object keepAlive, Object format, Boolean stream) {

    public ChatRequest {
        messages = List.copyOf(messages);
        options = options == null || options.isEmpty() ? null : Map.copyOf(options);
    }
}
