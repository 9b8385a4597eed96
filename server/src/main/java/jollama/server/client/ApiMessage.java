package jollama.server.client;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A chat message as the native API carries it; {@code thinking} is left out when null. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiMessage(String role, String content, String thinking) {

    public ApiMessage(String role, String content) {
        this(role, content, null);
    }
}
