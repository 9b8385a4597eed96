package jollama.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jollama.models.testmodel.TestModelConfig;
import jollama.models.testmodel.TestModelFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jollama logits} against the exact (float64) log-probabilities of the golden data
 * (golden/logits-q4_k_m.json, from the llama.cpp golden set): the prompt followed by the
 * generated tokens, one line per position; the line after the last prompt token is step 0.
 */
class LogitsCommandTest {

    static final double TOLERANCE = 0.02;

    @TempDir
    static Path dir;

    static String model;
    static JsonNode cases;

    @BeforeAll
    static void load() throws IOException {
        model = TestModelFiles.get(TestModelConfig.TINY, "q4_k_m").toString();
        try (InputStream in = LogitsCommandTest.class.getResourceAsStream("/golden/logits-q4_k_m.json")) {
            cases = new ObjectMapper().readTree(in).get("cases");
        }
    }

    @Test
    void topLogprobsMatchTheGoldenSteps() throws IOException {
        for (JsonNode c : cases) {
            List<Integer> tokens = new ArrayList<>();
            c.get("prompt_ids").forEach(t -> tokens.add(t.asInt()));
            int promptLength = tokens.size();
            c.get("generated").forEach(t -> tokens.add(t.asInt()));
            String list = tokens.stream().map(String::valueOf).collect(Collectors.joining(","));

            CliHarness.Run run = CliHarness.run("logits", model, "--tokens", list);
            assertEquals(0, run.exit(), run.err());
            List<String> lines = run.out().lines().toList();
            assertEquals(tokens.size(), lines.size(), run.out());

            JsonNode steps = c.get("exact_top");
            for (int step = 0; step < steps.size(); step++) {
                int pos = promptLength - 1 + step;
                JsonNode line = new ObjectMapper().readTree(lines.get(pos));
                assertEquals(pos, line.get("pos").asInt());
                JsonNode top = line.get("top");
                assertEquals(LogitsCommand.DEFAULT_TOP, top.size());
                assertSameTop(c.get("text").asText() + " step " + step, steps.get(step), top);
            }
        }
    }

    /** Every golden entry is in our list with its value, except ties at the cut-off that may swap. */
    private static void assertSameTop(String what, JsonNode golden, JsonNode ours) {
        Map<Integer, Double> byId = new HashMap<>();
        double previous = 0;
        for (JsonNode e : ours) {
            double lp = e.get(1).asDouble();
            assertTrue(lp <= previous, what + ": not in descending order: " + ours);
            previous = lp;
            byId.put(e.get(0).asInt(), lp);
        }
        double last = ours.get(ours.size() - 1).get(1).asDouble();
        for (JsonNode g : golden) {
            int id = g.get(0).asInt();
            double expected = g.get(1).asDouble();
            if (byId.containsKey(id)) {
                assertEquals(expected, byId.get(id), TOLERANCE, what + " token " + id);
            } else {
                assertEquals(expected, last, TOLERANCE, what + ": token " + id + " missing from " + ours);
            }
        }
        if (golden.get(0).get(1).asDouble() - golden.get(1).get(1).asDouble() > 2 * TOLERANCE) {
            assertEquals(golden.get(0).get(0).asInt(), ours.get(0).get(0).asInt(), what + ": argmax");
        }
    }

    @Test
    void topKChoosesHowManyAndBracketsAreAccepted() throws IOException {
        CliHarness.Run run = CliHarness.run("logits", model, "--tokens", "[9707, 1879]", "--top", "3");
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(2, lines.size());
        for (int pos = 0; pos < 2; pos++) {
            JsonNode line = new ObjectMapper().readTree(lines.get(pos));
            assertEquals(pos, line.get("pos").asInt());
            assertEquals(3, line.get("top").size());
        }
    }

    @Test
    void aTokenThatIsNotANumberIsOneErrorLine() {
        CliHarness.Run run = CliHarness.run("logits", model, "--tokens", "9707,hello,1879");
        assertEquals(1, run.exit());
        assertEquals(1, run.errorLines().size(), run.err());
        assertTrue(run.errorLines().getFirst().contains("hello"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void aTokenOutsideTheVocabularyIsOneErrorLine() {
        CliHarness.Run run = CliHarness.run("logits", model, "--tokens", "1,99999999");
        assertEquals(1, run.exit());
        assertEquals(1, run.errorLines().size(), run.err());
        assertTrue(run.errorLines().getFirst().contains("99999999"), run.err());
    }

    @Test
    void aTextFileIsNotAModel() throws IOException {
        Path text = Files.writeString(dir.resolve("readme.gguf"), "# not a model\n");
        CliHarness.Run run = CliHarness.run("logits", text.toString(), "--tokens", "1,2");
        assertEquals(1, run.exit());
        assertEquals(1, run.errorLines().size(), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void logSoftmaxSumsToOne() {
        float[] logits = {1f, 2f, 3f, -1000f};
        double[] lp = LogProbs.logSoftmax(logits, logits.length);
        double sum = IntStream.range(0, lp.length).mapToDouble(i -> Math.exp(lp[i])).sum();
        assertEquals(1.0, sum, 1e-12);
        assertEquals(Math.log(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3))), lp[2], 1e-12);
        LogProbs.Entry[] top = LogProbs.top(lp, 2);
        assertEquals(2, top[0].id());
        assertEquals(1, top[1].id());
    }
}
