package jollama.server.cli;

import jollama.engine.generate.GenerationResult;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The timings of one answer, as Ollama reports them with {@code --verbose}.
 *
 * @param totalNanos from the request to the last token, loading included
 * @param loadNanos  loading the model, 0 when it was already loaded
 */
record Metrics(long totalNanos, long loadNanos, int promptEvalCount, long promptEvalNanos, int evalCount,
               long evalNanos) {

    static Metrics of(long startNanos, long loadNanos, GenerationResult result) {
        return new Metrics(System.nanoTime() - startNanos, loadNanos, result.promptEvalCount(),
                result.promptEvalNanos(), result.evalCount(), result.evalNanos());
    }

    /** Ollama's {@code Metrics.Summary()}: same labels, alignment and number formats; zero values are left out. */
    void printSummary(PrintStream to) {
        if (totalNanos > 0) {
            to.println("total duration:       " + GoDuration.format(totalNanos));
        }
        if (loadNanos > 0) {
            to.println("load duration:        " + GoDuration.format(loadNanos));
        }
        if (promptEvalCount > 0) {
            to.println("prompt eval count:    " + promptEvalCount + " token(s)");
        }
        if (promptEvalNanos > 0) {
            to.println("prompt eval duration: " + GoDuration.format(promptEvalNanos));
            to.println("prompt eval rate:     " + rate(promptEvalCount, promptEvalNanos) + " tokens/s");
        }
        if (evalCount > 0) {
            to.println("eval count:           " + evalCount + " token(s)");
        }
        if (evalNanos > 0) {
            to.println("eval duration:        " + GoDuration.format(evalNanos));
            to.println("eval rate:            " + rate(evalCount, evalNanos) + " tokens/s");
        }
        to.flush();
    }

    private static String rate(int count, long nanos) {
        return String.format(Locale.ROOT, "%.2f", count / (nanos / 1e9));
    }
}
