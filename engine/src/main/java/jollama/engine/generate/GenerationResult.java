package jollama.engine.generate;

/**
 * The outcome of a finished generation, with Ollama's counters and timings.
 *
 * @param text               everything generated (stop sequence excluded)
 * @param context            prompt and generated token ids, to continue from ({@code context})
 * @param promptEvalCount    prompt tokens evaluated (those reused from the cache not counted)
 * @param promptEvalNanos    time spent evaluating them
 * @param evalCount          tokens generated
 * @param evalNanos          time spent generating them
 */
public record GenerationResult(String text, int[] context, DoneReason doneReason, int promptEvalCount,
                               long promptEvalNanos, int evalCount, long evalNanos) {

    public double tokensPerSecond() {
        return evalNanos == 0 ? 0 : evalCount * 1e9 / evalNanos;
    }
}
