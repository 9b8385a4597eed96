package jollama.server.client;

/**
 * One streamed object of {@code /api/chat} ({@code message}) or {@code /api/generate}
 * ({@code response}, {@code thinking}); the last one has {@code done} and the metrics
 * (durations in nanoseconds, 0 when left out).
 */
public record ReplyChunk(String model, ApiMessage message, String response, String thinking, boolean done,
                         String doneReason, long totalDuration, long loadDuration, int promptEvalCount,
                         long promptEvalDuration, int evalCount, long evalDuration) {

    /** The text of this chunk, whichever endpoint sent it. */
    public String content() {
        if (message != null && message.content() != null) {
            return message.content();
        }
        return response == null ? "" : response;
    }

    /** The thinking text of this chunk, "" when none. */
    public String thinkingText() {
        if (message != null && message.thinking() != null) {
            return message.thinking();
        }
        return thinking == null ? "" : thinking;
    }
}
