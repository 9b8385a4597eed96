package jollama.server.http.openai;

import jollama.engine.generate.GenerationResult;

/**
 * Token counts: {@code prompt_tokens} is the native {@code prompt_eval_count} (prompt tokens
 * evaluated, those reused from the cache not counted, as in Ollama), {@code completion_tokens}
 * the native {@code eval_count}.
 */
public record Usage(int promptTokens, int completionTokens, int totalTokens) {

    static Usage of(GenerationResult r) {
        return new Usage(r.promptEvalCount(), r.evalCount(), r.promptEvalCount() + r.evalCount());
    }

    static final Usage NONE = new Usage(0, 0, 0);
}
