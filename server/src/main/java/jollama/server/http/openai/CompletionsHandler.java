package jollama.server.http.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import jollama.server.http.ApiError;
import jollama.server.http.GenerateHandler;
import jollama.server.http.Json;
import jollama.server.http.api.GenerateRequest;

/**
 * {@code POST /v1/completions} (ollama-api.md §3.2): the request becomes a native generate
 * request (the prompt goes through the chat template, as in Ollama), run by {@link GenerateHandler}.
 */
final class CompletionsHandler {

    private final Json json;
    private final GenerateHandler generate;

    CompletionsHandler(Json json, GenerateHandler generate) {
        this.json = json;
        this.generate = generate;
    }

    void handle(Context ctx) {
        long start = System.nanoTime();
        CompletionRequest r = json.parseBody(ctx.bodyAsBytes(), CompletionRequest.class);
        String prompt = prompt(r.prompt());
        if (r.n() != null && r.n() != 1) {
            throw ApiError.badRequest("invalid 'n': only one choice per request is supported (n=1)");
        }
        Integer logprobs = r.logprobs();
        GenerateRequest req = new GenerateRequest(r.model(), prompt, r.suffix(), null, null, null, r.streaming(), null,
                null, null, null, SamplingOptions.completion(r), null, null, null,
                logprobs != null ? Boolean.TRUE : null, logprobs, null);
        generate.generate(ctx, req, start, new CompletionFormat(json, r.model(), r.streaming(), r.includeUsage(),
                r.echoes() ? prompt : ""));
    }

    /** A string, or an array of exactly one string (what clients send for a single prompt). */
    static String prompt(JsonNode prompt) {
        if (prompt == null || prompt.isNull() || prompt.isMissingNode()) {
            return "";
        }
        if (prompt.isTextual()) {
            return prompt.asText();
        }
        if (prompt.isArray() && prompt.size() == 1 && prompt.get(0).isTextual()) {
            return prompt.get(0).asText();
        }
        if (prompt.isArray() && prompt.size() > 1) {
            throw ApiError.badRequest("invalid 'prompt': only one prompt per request is supported");
        }
        throw ApiError.badRequest("invalid type for 'prompt' field: " + GoTypes.of(prompt)
                + " (a string is expected; token arrays are not supported)");
    }
}
