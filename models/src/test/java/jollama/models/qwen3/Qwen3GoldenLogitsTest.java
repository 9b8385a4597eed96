package jollama.models.qwen3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jollama.gguf.GGUFFile;
import jollama.models.Sequence;
import jollama.models.testmodel.TestModelConfig;
import jollama.models.testmodel.TestModelFiles;
import jollama.quant.MatrixOps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The forward pass against llama.cpp's golden log-probabilities: each prompt evaluated in one
 * batch, then the generated tokens one at a time (teacher forcing); at every step each of the
 * ten listed tokens must be within 0.02 of the exact (float64) log-probability, and the argmax
 * must agree wherever the exact top two are more than 0.04 apart.
 */
class Qwen3GoldenLogitsTest {

    static final double TOLERANCE = 0.02;
    static final double ARGMAX_MARGIN = 0.04;

    static MatrixOps ops;

    @BeforeAll
    static void startPool() {
        ops = MatrixOps.create();
    }

    @AfterAll
    static void stopPool() {
        ops.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"f32", "f16", "bf16", "q8_0", "q6_k", "q5_k_m", "q4_k_m", "q4_0"})
    void matchesExactLogProbabilities(String variant) throws IOException {
        JsonNode cases = golden("completions-" + variant + ".json");
        Checker checker = new Checker();
        try (GGUFFile file = GGUFFile.open(TestModelFiles.get(TestModelConfig.TINY, variant))) {
            Qwen3 qwen = Qwen3.load(file, ops);
            for (JsonNode testCase : cases) {
                int[] prompt = ints(testCase.get("prompt_ids"));
                int[] generated = ints(testCase.get("generated"));
                Sequence seq = qwen.newSequence(prompt.length + generated.length);
                float[] logits = seq.append(prompt, 0, prompt.length);
                JsonNode steps = testCase.get("steps");
                for (int step = 0; step < steps.size(); step++) {
                    if (step > 0) {
                        logits = seq.append(generated, step - 1, 1);
                    }
                    checker.check(testCase, step, logits);
                }
            }
        }
        checker.assertPassed(variant);
    }

    /**
     * The same teacher-forced steps, but every test case is a sequence of one batched decode:
     * each step evaluates the next token of all cases still running in a single pass over the
     * weights ({@link Qwen3#decode}); each sequence must still get its own exact log-probabilities.
     */
    @ParameterizedTest
    @ValueSource(strings = {"f32", "q8_0", "q4_k_m"})
    void batchedDecodeMatchesExactLogProbabilities(String variant) throws IOException {
        JsonNode cases = golden("completions-" + variant + ".json");
        Checker checker = new Checker();
        try (GGUFFile file = GGUFFile.open(TestModelFiles.get(TestModelConfig.TINY, variant))) {
            Qwen3 qwen = Qwen3.load(file, ops);
            int n = cases.size();
            Sequence[] sequences = new Sequence[n];
            int[][] generated = new int[n][];
            int maxSteps = 0;
            for (int i = 0; i < n; i++) {
                int[] prompt = ints(cases.get(i).get("prompt_ids"));
                generated[i] = ints(cases.get(i).get("generated"));
                sequences[i] = qwen.newSequence(prompt.length + generated[i].length);
                checker.check(cases.get(i), 0, sequences[i].append(prompt, 0, prompt.length));
                maxSteps = Math.max(maxSteps, cases.get(i).get("steps").size());
            }
            assertTrue(n >= 2, "the golden file should have several cases to batch");
            Sequence[] batch = new Sequence[n];
            int[] tokens = new int[n];
            float[][] logits = new float[n][];
            int[] caseOf = new int[n];
            for (int step = 1; step < maxSteps; step++) {
                int count = 0;
                for (int i = 0; i < n; i++) {
                    if (step < cases.get(i).get("steps").size()) {
                        batch[count] = sequences[i];
                        tokens[count] = generated[i][step - 1];
                        caseOf[count++] = i;
                    }
                }
                qwen.decode(batch, tokens, count, logits);
                for (int j = 0; j < count; j++) {
                    checker.check(cases.get(caseOf[j]), step, logits[j]);
                }
            }
        }
        checker.assertPassed(variant + " batched");
    }

    @org.junit.jupiter.api.Test
    void refusedDecodeStepChangesNoSequence() throws IOException {
        try (GGUFFile file = GGUFFile.open(TestModelFiles.get(TestModelConfig.TINY, "q8_0"))) {
            Qwen3 qwen = Qwen3.load(file, ops);
            Sequence a = qwen.newSequence(8);
            Sequence b = qwen.newSequence(2);
            a.append(new int[] {1, 2}, 0, 2);
            b.append(new int[] {3, 4}, 0, 2); // full
            float[][] logits = new float[2][];
            org.junit.jupiter.api.Assertions.assertThrows(jollama.models.ContextOverflowException.class,
                    () -> qwen.decode(new Sequence[] {a, b}, new int[] {5, 6}, 2, logits));
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> qwen.decode(new Sequence[] {a, a}, new int[] {5, 6}, 2, logits));
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> qwen.decode(new Sequence[] {a}, new int[] {qwen.vocabularySize()}, 1, logits));
            assertEquals(2, a.length());
            assertEquals(2, b.length());
        }
    }

    /** Collects every entry further than {@link #TOLERANCE} from exact, and checks argmax agreement. */
    private static final class Checker {
        final List<String> failures = new ArrayList<>();
        double worst;

        void check(JsonNode testCase, int step, float[] logits) {
            double[] logProbs = logSoftmax(logits);
            JsonNode exact = testCase.get("steps").get(step).get("exact_top");
            for (JsonNode entry : exact) {
                int id = entry.get(0).asInt();
                double error = Math.abs(logProbs[id] - entry.get(1).asDouble());
                worst = Math.max(worst, error);
                if (error > TOLERANCE) {
                    failures.add(String.format("'%s' step %d token %d: %.5f vs exact %.5f",
                            testCase.get("text").asText(), step, id, logProbs[id], entry.get(1).asDouble()));
                }
            }
            if (exact.get(0).get(1).asDouble() - exact.get(1).get(1).asDouble() > ARGMAX_MARGIN) {
                assertEquals(exact.get(0).get(0).asInt(), argmax(logits),
                        "argmax of '" + testCase.get("text").asText() + "' step " + step);
            }
        }

        void assertPassed(String what) {
            assertTrue(failures.isEmpty(), what + ": " + failures.size() + " entries off by more than " + TOLERANCE
                    + " (worst " + worst + "):\n" + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
        }
    }

    static double[] logSoftmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l - max);
        }
        double logZ = max + Math.log(sum);
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = logits[i] - logZ;
        }
        return out;
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    static JsonNode golden(String name) throws IOException {
        try (InputStream in = Qwen3GoldenLogitsTest.class.getResourceAsStream("/golden/" + name)) {
            return new ObjectMapper().readTree(in);
        }
    }
}
