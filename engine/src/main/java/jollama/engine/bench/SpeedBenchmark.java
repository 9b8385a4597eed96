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
 * deviation, with the share of the memory-bandwidth ceiling that decode reaches. With a depth,
 * the decode tests start from a context of that many (untimed) positions, as llama-bench's -d.
 */
public final class SpeedBenchmark {

    /**
     * @param promptTokens tokens of the prompt test (0 to skip it)
     * @param genTokens    tokens of the decode test (0 to skip it)
     * @param repetitions  timed runs of each test
     * @param threads      worker threads, 0 for one per processor
     * @param parallel     sequences of the batched decode test (OLLAMA_NUM_PARALLEL), 1 or less to skip it
     * @param depth        positions already in the context when the decode tests start (llama-bench's -d)
     */
    public record Settings(int promptTokens, int genTokens, int repetitions, int threads, int parallel, int depth) {
        public Settings {
            if (promptTokens < 0 || genTokens < 0 || repetitions < 1 || threads < 0 || parallel < 0 || depth < 0) {
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
     * @param parallelDecode         tokens per second of all {@code parallel} sequences together, or null
     */
    public record Result(String model, long fileBytes, int threads, String kernels, Settings settings, Rate prompt,
                         Rate decode, Rate parallelDecode, double bandwidthBytesPerSecond,
                         double ceilingTokensPerSecond) {

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
            int longest = Math.max(settings.promptTokens(), settings.depth() + settings.genTokens());
            Sequence seq = model.newSequence(longest + 1);
            SplittableRandom random = new SplittableRandom(42);
            int[] tokens = random.ints(longest, 0, Math.min(model.vocabularySize(), 100_000)).toArray();
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
                int depth = settings.depth();
                if (depth > 0) {
                    seq.truncate(0);
                    seq.append(tokens, 0, depth); // the context every decode run starts from
                }
                decode = measure(settings.repetitions(), () -> {
                    seq.truncate(depth);
                    long start = System.nanoTime();
                    for (int i = 0; i < settings.genTokens(); i++) {
                        seq.append(tokens, depth + i, 1);
                    }
                    return settings.genTokens() * 1e9 / (System.nanoTime() - start);
                });
            }
            Rate parallel = null;
            if (settings.genTokens() > 0 && settings.parallel() > 1) {
                parallel = measureParallel(model, settings, tokens);
            }
            long size = Files.size(modelPath);
            return new Result(modelPath.getFileName().toString(), size, threads, jollama.quant.Simd.describe(),
                    settings, prompt, decode, parallel, bandwidth, bandwidth / size);
        }
    }

    /**
     * {@code parallel} sequences decoding together, each step one token of each in one pass over
     * the weights, as the server batches concurrent requests: tokens per second of all of them.
     */
    private static Rate measureParallel(LanguageModel model, Settings settings, int[] tokens) {
        int n = settings.parallel();
        int depth = settings.depth();
        Sequence[] sequences = new Sequence[n];
        for (int i = 0; i < n; i++) {
            sequences[i] = model.newSequence(depth + settings.genTokens() + 1);
            if (depth > 0) {
                sequences[i].append(tokens, 0, depth);
            }
        }
        int[] step = new int[n];
        float[][] logits = new float[n][];
        return measure(settings.repetitions(), () -> {
            for (Sequence s : sequences) {
                s.truncate(depth);
            }
            long start = System.nanoTime();
            for (int t = 0; t < settings.genTokens(); t++) {
                for (int i = 0; i < n; i++) {
                    step[i] = tokens[(t + 7 * i) % tokens.length];
                }
                model.decode(sequences, step, n, logits);
            }
            return (double) n * settings.genTokens() * 1e9 / (System.nanoTime() - start);
        });
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
