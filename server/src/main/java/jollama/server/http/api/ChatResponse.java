package jollama.server.http.api;

import java.util.List;

/** One {@code /api/chat} object; like {@link GenerateResponse}, with a message instead of text. */
public record ChatResponse(String model, String createdAt, ResponseMessage message, boolean done, String doneReason,
                           Long totalDuration, Long loadDuration, Integer promptEvalCount, Long promptEvalDuration,
                           Integer evalCount, Long evalDuration, List<Logprob> logprobs) {

    public ChatResponse {
        logprobs = logprobs == null || logprobs.isEmpty() ? null : logprobs;
    }

    public static ChatResponse chunk(String model, String createdAt, String text, List<Logprob> logprobs) {
        return new ChatResponse(model, createdAt, ResponseMessage.assistant(text), false, null, null, null, null,
                null, null, null, logprobs);
    }

    public static ChatResponse synthetic(String model, String createdAt, String doneReason) {
        return new ChatResponse(model, createdAt, ResponseMessage.assistant(""), true, doneReason, null, null, null,
                null, null, null, null);
    }
}
