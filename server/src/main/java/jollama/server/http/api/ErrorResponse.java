package jollama.server.http.api;

/** Every native error body: {@code {"error": "..."}}. */
public record ErrorResponse(String error) {
}
