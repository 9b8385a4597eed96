package jollama.server.http.manage;

/** The body of {@code DELETE /api/delete} (§1.14); {@code name} is the deprecated spelling of {@code model}. */
public record DeleteRequest(String model, String name) {
}
