package jollama.server.http.api;

import java.util.List;

/** {@code /api/embed}'s reply; the durations and count are null (left out) for the load-only reply. */
public record EmbedResponse(String model, List<float[]> embeddings, Long totalDuration, Long loadDuration,
                            Integer promptEvalCount) {
}
