package jollama.server.http.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * A Responses API {@code response} object (ollama-api.md §3.5). Fields that OpenAI always
 * writes, null or not, are written here too, as the SDKs read them as keys.
 *
 * @param status {@code in_progress} while streaming, then {@code completed} (also when the token
 *               limit cut the reply, as Ollama reports it; {@code incomplete_details} stays null)
 */
public record ResponseObject(String id, String object, long createdAt,
                             @JsonInclude(JsonInclude.Include.ALWAYS) Long completedAt, String status,
                             @JsonInclude(JsonInclude.Include.ALWAYS) Object error,
                             @JsonInclude(JsonInclude.Include.ALWAYS) IncompleteDetails incompleteDetails,
                             @JsonInclude(JsonInclude.Include.ALWAYS) String instructions,
                             @JsonInclude(JsonInclude.Include.ALWAYS) Integer maxOutputTokens, String model,
                             List<OutputItem> output, boolean parallelToolCalls,
                             @JsonInclude(JsonInclude.Include.ALWAYS) String previousResponseId, String serviceTier,
                             boolean store, double temperature, Map<String, Object> text, String toolChoice,
                             List<Map<String, Object>> tools, double topP, String truncation,
                             @JsonInclude(JsonInclude.Include.ALWAYS) ResponseUsage usage,
                             Map<String, Object> metadata) {

    public record IncompleteDetails(String reason) {
    }

    /** One item of {@code output}: reasoning, a message, or a function call. */
    public sealed interface OutputItem permits Reasoning, Message, FunctionCall {
        String type();

        String id();
    }

    /** The thinking, as a summary and (Ollama's choice) as {@code encrypted_content}, to be sent back. */
    public record Reasoning(String type, String id, List<SummaryText> summary, String encryptedContent)
            implements OutputItem {
        static Reasoning of(String id, String thinking) {
            return new Reasoning("reasoning", id,
                    thinking == null ? List.of() : List.of(new SummaryText("summary_text", thinking)), thinking);
        }
    }

    public record SummaryText(String type, String text) {
    }

    public record Message(String type, String id, String status, String role, List<OutputText> content)
            implements OutputItem {
        static Message of(String id, String status, List<OutputText> content) {
            return new Message("message", id, status, "assistant", content);
        }
    }

    public record OutputText(String type, String text, List<Object> annotations, List<Object> logprobs) {
        static OutputText of(String text) {
            return new OutputText("output_text", text, List.of(), List.of());
        }
    }

    /** {@code arguments} is a JSON string, as in chat completions. */
    public record FunctionCall(String type, String id, String status, String callId, String name, String arguments)
            implements OutputItem {
        static FunctionCall of(String id, String status, String callId, String name, String arguments) {
            return new FunctionCall("function_call", id, status, callId, name, arguments);
        }
    }

    public record ResponseUsage(int inputTokens, int outputTokens, int totalTokens, Map<String, Integer> inputTokensDetails,
                                Map<String, Integer> outputTokensDetails) {
        static ResponseUsage of(Usage u) {
            return new ResponseUsage(u.promptTokens(), u.completionTokens(), u.totalTokens(),
                    Map.of("cached_tokens", 0), Map.of("reasoning_tokens", 0));
        }
    }

    /** What the request asked for, echoed into every response object of one reply. */
    record Echo(String model, String instructions, Integer maxOutputTokens, double temperature, double topP,
                JsonNode textFormat, List<Map<String, Object>> tools, Map<String, Object> metadata) {

        static Echo of(ResponsesRequest r) {
            return new Echo(r.model(), r.instructions(), r.maxOutputTokens(),
                    r.temperature() != null ? r.temperature() : 1.0, r.topP() != null ? r.topP() : 1.0,
                    r.text() != null && r.text().format() != null && !r.text().format().isNull() ? r.text().format()
                            : null, r.tools(), r.metadata() != null ? r.metadata() : Map.of());
        }
    }

    static ResponseObject of(String id, long createdAt, Long completedAt, String status, Echo echo,
                             List<OutputItem> output, ResponseUsage usage) {
        Map<String, Object> format = echo.textFormat() != null ? Map.of("format", echo.textFormat())
                : Map.of("format", Map.of("type", "text"));
        return new ResponseObject(id, "response", createdAt, completedAt, status, null,
                null, echo.instructions(),
                echo.maxOutputTokens(), echo.model(), output, true, null, "default", false, echo.temperature(),
                format, "auto", echo.tools(), echo.topP(), "disabled", usage, echo.metadata());
    }
}
