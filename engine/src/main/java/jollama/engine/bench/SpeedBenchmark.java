package jollama.engine.bench;

import jollama.gguf.GGUFFile;
import jollama.models.Architectures;
import jollama.models.LanguageModel;
import jollama.models.Sequence;
import jollama.quant.MatrixOps;
import jollama.quant.ParallelPool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Prompt-evaluation and decode speed, measured as llama-bench does: {@code pp} evaluates a
 * prompt of random tokens in one batch from an empty context, {@code tg} generates tokens one at
 * a time from an empty context; each after a warm-up run, repeated, reported as mean ± standard
 * deviation, with the share of the memory-bandwidth ceiling that decode reaches.
 */
public final class SpeedBenchmark {

    /**
     * @param promptTokens tokens of the prompt test (0 to skip it)
     * @param genTokens    tokens of the decode test (0 to skip it)
     * @param repetitions  timed runs of each test
     * @param threads      worker threads, 0 for one per processor
     */
    public record Settings(int promptTokens, int genTokens, int repetitions, int threads) {
        public Settings {
            if (promptTokens < 0 || genTokens < 0 || repetitions < 1 || threads < 0) {
                throw new IllegalArgumentException("invalid benchmark settings");
            }
        }
    }

    /** Mean and sample standard deviation of tokens per second over the repetitions. */
    public record Rate(double mean, double deviation, double[] samples) {
        static Rate of(double[] samples) {
            double mean = Arrays.stream(samples).average().orElse(0);
            double var = 0;
            for (double s : samples) {
                var += (s - mean) * (s - mean);
            }
            return new Rate(mean, samples.length > 1 ? Math.sqrt(var / (samples.length - 1)) : 0, samples);
        }
    }

    /**
     * @param ceilingTokensPerSecond decode rate at which every weight byte is read once per token
     *                               at the measured bandwidth
     */
    public record Result(String model, long fileBytes, int threads, String kernels, Settings settings, Rate prompt,
                         Rate decode, double bandwidthBytesPerSecond, double ceilingTokensPerSecond) {

        public double decodeShareOfCeiling() {
            return decode == null || ceilingTokensPerSecond == 0 ? 0 : decode.mean() / ceilingTokensPerSecond;
        }
    }

    private SpeedBenchmark() {
    }

    public static Result run(Path modelPath, Settings settings) throws IOException {
        int threads = settings.threads() == 0 ? Runtime.getRuntime().availableProcessors() : settings.threads();
        double bandwidth = MemoryBandwidth.measure(threads);
        try (GGUFFile file = GGUFFile.open(modelPath);
             MatrixOps ops = new MatrixOps(new ParallelPool(threads))) {
            LanguageModel model = Architectures.load(file, ops);
            Sequence seq = model.newSequence(Math.max(settings.promptTokens(), settings.genTokens()) + 1);
            SplittableRandom random = new SplittableRandom(42);
            int[] tokens = random.ints(Math.max(settings.promptTokens(), settings.genTokens()), 0,
                    Math.min(model.vocabularySize(), 100_000)).toArray();
            Rate prompt = null;
            Rate decode = null;
            if (settings.promptTokens() > 0) {
                prompt = measure(settings.repetitions(), () -> {
                    seq.truncate(0);
                    long start = System.nanoTime();
                    seq.append(tokens, 0, settings.promptTokens());
                    return settings.promptTokens() * 1e9 / (System.nanoTime() - start);
                });
            }
            if (settings.genTokens() > 0) {
                decode = measure(settings.repetitions(), () -> {
                    seq.truncate(0);
                    long start = System.nanoTime();
                    for (int i = 0; i < settings.genTokens(); i++) {
                        seq.append(tokens, i, 1);
                    }
                    return settings.genTokens() * 1e9 / (System.nanoTime() - start);
                });
            }
            long size = Files.size(modelPath);
            return new Result(modelPath.getFileName().toString(), size, threads, jollama.quant.Simd.describe(),
                    settings, prompt, decode, bandwidth, bandwidth / size);
        }
    }

    private interface Run {
        double tokensPerSecond();
    }

    /** One untimed warm-up run (JIT, page cache), then the timed repetitions. */
    private static Rate measure(int repetitions, Run run) {
        run.tokensPerSecond();
        double[] samples = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            samples[i] = run.tokensPerSecond();
        }
        return Rate.of(samples);
    }
}
