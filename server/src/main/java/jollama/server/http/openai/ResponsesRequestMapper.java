package jollama.server.http.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import jollama.server.http.ApiError;
import jollama.server.http.api.ApiMessage;
import jollama.server.http.api.ApiToolCall;
import jollama.server.http.api.ChatRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a Responses API request into the native {@link ChatRequest} (ollama-api.md §3.5): the
 * instructions become a first system message, input items become messages, and tools lose
 * their Responses-style flattening ({@code {"type":"function","name",...}} →
 * {@code {"type":"function","function":{...}}}).
 */
final class ResponsesRequestMapper {

    private ResponsesRequestMapper() {
    }

    static ChatRequest toNative(ResponsesRequest r) {
        if (r.previousResponseId() != null && !r.previousResponseId().isEmpty()) {
            throw ApiError.badRequest("previous_response_id is not supported: this server keeps no responses; "
                    + "send the whole conversation as input");
        }
        if (r.conversation() != null && !r.conversation().isNull()) {
            throw ApiError.badRequest("conversation is not supported: this server keeps no conversations; "
                    + "send the whole conversation as input");
        }
        List<ApiMessage> messages = new ArrayList<>();
        if (r.instructions() != null && !r.instructions().isEmpty()) {
            messages.add(message("system", r.instructions(), null, List.of(), null, null));
        }
        input(r.input(), messages);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("temperature", r.temperature() != null ? r.temperature() : 1.0);
        if (r.topP() != null) {
            options.put("top_p", r.topP());
        }
        if (r.maxOutputTokens() != null) {
            options.put("num_predict", r.maxOutputTokens());
        }
        JsonNode think = ReasoningEffort.think(r.reasoning() != null ? r.reasoning().effort() : null);
        JsonNode format = ResponseFormats.responses(r.text() != null ? r.text().format() : null);
        return new ChatRequest(r.model(), messages, tools(r.tools()), format, options, r.streaming(), null, think, null,
                null, null, null, null);
    }

    private static void input(JsonNode input, List<ApiMessage> out) {
        if (input == null || input.isNull() || input.isMissingNode()) {
            return;
        }
        if (input.isTextual()) {
            out.add(message("user", input.asText(), null, List.of(), null, null));
            return;
        }
        if (!input.isArray()) {
            throw ApiError.badRequest("invalid input: a string or an array of input items is expected");
        }
        String thinking = null; // a reasoning item belongs to the assistant turn that follows it
        for (JsonNode item : input) {
            String type = item.path("type").asText(item.has("role") ? "message" : "");
            switch (type) {
                case "message" -> {
                    String role = item.path("role").asText("").toLowerCase(Locale.ROOT);
                    if (role.equals("developer")) {
                        role = "system";
                    }
                    List<String> images = new ArrayList<>();
                    String text = content(item.path("content"), images);
                    out.add(message(role, text, role.equals("assistant") ? thinking : null, List.of(), null,
                            images.isEmpty() ? null : images));
                    if (role.equals("assistant")) {
                        thinking = null;
                    }
                }
                case "function_call" -> {
                    ApiToolCall call = new ApiToolCall(item.path("call_id").asText(null), new ApiToolCall.Function(0,
                            item.path("name").asText(""), ChatRequestMapper.arguments(item.path("arguments"))));
                    ApiMessage last = out.isEmpty() ? null : out.getLast();
                    if (last != null && last.role().equals("assistant") && !last.toolCalls().isEmpty()) {
                        // calls made in one turn stay one assistant message
                        List<ApiToolCall> calls = new ArrayList<>(last.toolCalls());
                        calls.add(new ApiToolCall(call.id(), new ApiToolCall.Function(calls.size(),
                                call.function().name(), call.function().arguments())));
                        out.set(out.size() - 1, message("assistant", last.content(), last.thinking(), calls, null, null));
                    } else {
                        out.add(message("assistant", "", thinking, List.of(call), null, null));
                        thinking = null;
                    }
                }
                case "function_call_output" -> {
                    String callId = item.path("call_id").asText(null);
                    JsonNode output = item.path("output");
                    out.add(new ApiMessage("tool", output.isTextual() ? output.asText() : output.toString(), null, null,
                            List.of(), toolName(callId, out), callId));
                }
                case "reasoning" -> thinking = item.path("encrypted_content").isTextual()
                        ? item.path("encrypted_content").asText() : summary(item.path("summary"));
                default -> throw ApiError.badRequest("invalid input item type: \"" + type + "\"");
            }
        }
    }

    /** A string, or parts: input_text/output_text kept, input_image as base64, input_file refused. */
    private static String content(JsonNode content, List<String> images) {
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            throw ApiError.badRequest("invalid message content type: " + GoTypes.of(content));
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode part : content) {
            switch (part.path("type").asText("")) {
                case "input_text", "output_text", "text" -> texts.add(part.path("text").asText(""));
                case "input_image" -> images.add(ChatRequestMapper.image(part.path("image_url").asText("")));
                case "input_file" -> throw ApiError.badRequest("file inputs are not currently supported");
                default -> throw ApiError.badRequest("invalid message format");
            }
        }
        return String.join("\n\n", texts);
    }

    private static String summary(JsonNode summary) {
        List<String> texts = new ArrayList<>();
        for (JsonNode s : summary) {
            texts.add(s.path("text").asText(""));
        }
        return texts.isEmpty() ? null : String.join("\n", texts);
    }

    private static String toolName(String callId, List<ApiMessage> earlier) {
        for (int i = earlier.size() - 1; i >= 0 && callId != null; i--) {
            for (ApiToolCall call : earlier.get(i).toolCalls()) {
                if (callId.equals(call.id())) {
                    return call.function().name();
                }
            }
        }
        return null;
    }

    private static ApiMessage message(String role, String content, String thinking, List<ApiToolCall> calls,
                                      String toolName, List<String> images) {
        return new ApiMessage(role, content, thinking, images, calls, toolName, null);
    }

    /**
     * Responses-style function tools as chat tools; a {@code namespace} group's functions are
     * named {@code ns.name}.
     */
    static List<Map<String, Object>> tools(List<Map<String, Object>> tools) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> tool : tools) {
            addTool(tool, "", out);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void addTool(Map<String, Object> tool, String prefix, List<Map<String, Object>> out) {
        Object type = tool.get("type");
        if ("namespace".equals(type) && tool.get("tools") instanceof List<?> inner) {
            String ns = prefix + tool.get("name") + ".";
            for (Object t : inner) {
                if (t instanceof Map<?, ?> m) {
                    addTool((Map<String, Object>) m, ns, out);
                }
            }
            return;
        }
        if (!"function".equals(type)) {
            throw ApiError.badRequest("unsupported tool type: " + TextNode.valueOf(String.valueOf(type))
                    + " (only function tools are supported)");
        }
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", prefix + tool.get("name"));
        if (tool.get("description") != null) {
            function.put("description", tool.get("description"));
        }
        if (tool.get("parameters") != null) {
            function.put("parameters", tool.get("parameters"));
        }
        Map<String, Object> chatTool = new LinkedHashMap<>();
        chatTool.put("type", "function");
        chatTool.put("function", function);
        out.add(chatTool);
    }
}
