package jollama.server.http.manage;

/** The body of {@code POST /api/copy} (§1.14). */
public record CopyRequest(String source, String destination) {
}
