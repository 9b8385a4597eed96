package jollama.server.http.api;

import java.util.List;

/**
 * One {@code /api/generate} object: a streamed chunk ({@code done:false}), the final one, or the
 * whole non-streamed reply. {@code response} and {@code done} are always written; zero metrics are
 * null so that they are left out, as Go's omitempty does.
 */
public record GenerateResponse(String model, String createdAt, String response, String thinking, boolean done,
                               String doneReason, int[] context, Long totalDuration, Long loadDuration,
                               Integer promptEvalCount, Long promptEvalDuration, Integer evalCount,
                               Long evalDuration, List<Logprob> logprobs) {

    public GenerateResponse {
        response = response == null ? "" : response;
        logprobs = logprobs == null || logprobs.isEmpty() ? null : logprobs;
    }

    /** A chunk of streamed text. */
    public static GenerateResponse chunk(String model, String createdAt, String text, List<Logprob> logprobs) {
        return new GenerateResponse(model, createdAt, text, null, false, null, null, null, null, null, null, null,
                null, logprobs);
    }

    /** The synthetic replies of a load-only or unload request. */
    public static GenerateResponse synthetic(String model, String createdAt, String doneReason) {
        return new GenerateResponse(model, createdAt, "", null, true, doneReason, null, null, null, null, null, null,
                null, null);
    }
}
