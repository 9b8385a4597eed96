package jollama.server.http.api;

/** {@code /api/embeddings}'s reply: one float64 vector, empty for the load-only request. */
public record EmbeddingsResponse(double[] embedding) {
}
