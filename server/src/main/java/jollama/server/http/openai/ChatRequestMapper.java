package jollama.server.http.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jollama.server.http.ApiError;
import jollama.server.http.api.ApiMessage;
import jollama.server.http.api.ApiToolCall;
import jollama.server.http.api.ChatRequest;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns an OpenAI chat request into the native {@link ChatRequest} (ollama-api.md §3.1), which
 * then goes through exactly the checks and steps of {@code /api/chat}.
 */
final class ChatRequestMapper {

    /** The data URLs Ollama accepts for images; anything else that is not http(s) is "invalid image input". */
    private static final Pattern DATA_URL = Pattern.compile("^data:(image/(jpeg|jpg|png|webp))?;base64,(.*)$",
            Pattern.DOTALL);

    private static final TypeReference<LinkedHashMap<String, Object>> ORDERED_MAP = new TypeReference<>() {
    };
    /** Plain Jackson (maps keep their key order, for the template); never reconfigured, so shared. */
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Arguments must be exactly one JSON object. */
    private static final ObjectReader ARGUMENTS = MAPPER.readerFor(ORDERED_MAP)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ChatRequestMapper() {
    }

    /**
     * @throws ApiError 400 for what OpenAI clients can send but Ollama refuses (empty messages,
     *                  bad content parts, image URLs, unparsable tool arguments, n other than 1)
     */
    static ChatRequest toNative(ChatCompletionRequest r) {
        if (r.messages().isEmpty()) {
            throw ApiError.badRequest("[] is too short - 'messages'");
        }
        if (r.n() != null && r.n() != 1) {
            throw ApiError.badRequest("invalid 'n': only one choice per request is supported (n=1)");
        }
        JsonNode think = ReasoningEffort.think(r.reasoningEffort() != null ? r.reasoningEffort()
                : r.reasoning() != null ? r.reasoning().effort() : null);
        JsonNode format = ResponseFormats.chat(r.responseFormat());
        return new ChatRequest(r.model(), messages(r.messages()), r.tools(), format, SamplingOptions.chat(r),
                r.streaming(), null, think, null, null, r.logprobs(), r.topLogprobs(), null);
    }

    static List<ApiMessage> messages(List<ChatCompletionRequest.Message> in) {
        List<ApiMessage> out = new ArrayList<>(in.size());
        for (ChatCompletionRequest.Message m : in) {
            if (m == null) {
                throw ApiError.badRequest("invalid message format");
            }
            out.add(message(m, out));
        }
        return out;
    }

    private static ApiMessage message(ChatCompletionRequest.Message m, List<ApiMessage> earlier) {
        String role = m.role() == null ? "" : m.role().toLowerCase(Locale.ROOT);
        if (role.equals("developer")) {
            role = "system"; // OpenAI's newer name for the system role; templates know only "system"
        }
        List<ApiToolCall> calls = toolCalls(m.toolCalls());
        String text;
        List<String> images = new ArrayList<>();
        JsonNode content = m.content();
        if (content == null || content.isNull() || content.isMissingNode()) {
            if (calls.isEmpty()) {
                throw ApiError.badRequest("invalid message content type: <nil>");
            }
            text = "";
        } else if (content.isTextual()) {
            text = content.asText();
        } else if (content.isArray()) {
            text = parts(content, images);
        } else {
            throw ApiError.badRequest("invalid message content type: " + GoTypes.of(content));
        }
        String toolName = null;
        if (role.equals("tool")) {
            toolName = m.name() != null && !m.name().isEmpty() ? m.name() : toolNameOf(m.toolCallId(), earlier);
        }
        String thinking = m.reasoning() != null ? m.reasoning() : m.reasoningContent();
        return new ApiMessage(role, text, thinking, images.isEmpty() ? null : images, calls, toolName,
                m.toolCallId());
    }

    /**
     * Content parts: the text parts joined by a blank line (as Ollama's template collation joins
     * the per-part messages it makes), images kept as base64; audio is accepted and not used.
     */
    private static String parts(JsonNode content, List<String> images) {
        List<String> texts = new ArrayList<>();
        for (JsonNode part : content) {
            switch (part.path("type").asText("")) {
                case "text" -> {
                    if (!part.path("text").isTextual()) {
                        throw ApiError.badRequest("invalid message format");
                    }
                    texts.add(part.path("text").asText());
                }
                case "image_url" -> {
                    JsonNode url = part.path("image_url");
                    images.add(image(url.isTextual() ? url.asText() : url.path("url").asText("")));
                }
                case "input_audio" -> {
                    // no model here hears; Ollama accepts the part, so do we
                }
                default -> throw ApiError.badRequest("invalid message format");
            }
        }
        return String.join("\n\n", texts);
    }

    /** The base64 data of a {@code data:} URL. */
    static String image(String url) {
        if (url.startsWith("http://") || url.startsWith("https://")) {
            throw ApiError.badRequest("image URLs are not currently supported, please use base64 encoded data instead");
        }
        var matcher = DATA_URL.matcher(url);
        if (!matcher.matches()) {
            throw ApiError.badRequest("invalid image input");
        }
        String data = matcher.group(3);
        try {
            Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("invalid image input");
        }
        return data;
    }

    private static List<ApiToolCall> toolCalls(List<ChatCompletionRequest.ToolCall> in) {
        List<ApiToolCall> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            ChatCompletionRequest.ToolCall call = in.get(i);
            if (call == null || call.function() == null || call.function().name() == null) {
                throw ApiError.badRequest("invalid tool call");
            }
            out.add(new ApiToolCall(call.id(),
                    new ApiToolCall.Function(i, call.function().name(), arguments(call.function().arguments()))));
        }
        return out;
    }

    /** A JSON string holding an object (OpenAI's form); an object as is is accepted too. */
    static Map<String, Object> arguments(JsonNode arguments) {
        if (arguments != null && arguments.isObject()) {
            return MAPPER.convertValue(arguments, ORDERED_MAP);
        }
        if (arguments == null || !arguments.isTextual()) {
            throw ApiError.badRequest("invalid tool call arguments");
        }
        try {
            Map<String, Object> parsed = ARGUMENTS.readValue(arguments.asText());
            if (parsed == null) {
                throw ApiError.badRequest("invalid tool call arguments");
            }
            return parsed;
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("invalid tool call arguments");
        }
    }

    /** A tool result without a name: the function of the latest earlier call with that id. */
    private static String toolNameOf(String toolCallId, List<ApiMessage> earlier) {
        if (toolCallId == null) {
            return null;
        }
        for (int i = earlier.size() - 1; i >= 0; i--) {
            List<ApiToolCall> calls = earlier.get(i).toolCalls();
            for (int j = calls.size() - 1; j >= 0; j--) {
                ApiToolCall call = calls.get(j);
                if (toolCallId.equals(call.id())) {
                    return call.function().name();
                }
            }
        }
        return null;
    }
}
