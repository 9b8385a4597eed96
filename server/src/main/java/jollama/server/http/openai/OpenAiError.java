package jollama.server.http.openai;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An OpenAI-style error body, {@code {"error":{"message","type","param":null,"code":null}}}
 * (ollama-api.md §3): the HTTP status is the one the native handler chose, and the type follows
 * from it, so OpenAI clients raise their usual exception classes (NotFoundError, BadRequestError).
 */
public record OpenAiError(Detail error) {

    /** {@code param} and {@code code} are always written, as JSON nulls: clients read them as keys. */
    public record Detail(String message, String type, @JsonInclude(JsonInclude.Include.ALWAYS) String param,
                         @JsonInclude(JsonInclude.Include.ALWAYS) String code) {
    }

    public static OpenAiError of(int status, String message) {
        return new OpenAiError(new Detail(message, type(status), null, null));
    }

    /** {@code invalid_request_error} for 400, {@code not_found_error} for 404, {@code api_error} otherwise. */
    static String type(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 404 -> "not_found_error";
            default -> "api_error";
        };
    }
}
