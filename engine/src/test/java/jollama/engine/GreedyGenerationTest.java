package jollama.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jollama.engine.generate.DoneReason;
import jollama.engine.generate.GeneratedToken;
import jollama.engine.generate.Generation;
import jollama.engine.generate.GenerationResult;
import jollama.engine.sampling.GenerationOptions;
import jollama.models.testmodel.TestModelConfig;
import jollama.models.testmodel.TestModelFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generation through the public API: greedy decoding on the Q4_K_M model picks the exact top
 * token of the golden data wherever it is clear (margin > 0.04), for as long as it follows the
 * same history as llama.cpp's generation; runs from several threads give the same tokens as one.
 */
class GreedyGenerationTest {

    static Model model;
    static JsonNode cases;

    @BeforeAll
    static void load() throws IOException {
        model = Model.open(TestModelFiles.get(TestModelConfig.TINY, "q4_k_m"), ModelSettings.defaults().withParallel(4));
        try (InputStream in = GreedyGenerationTest.class.getResourceAsStream("/golden/completions-q4_k_m.json")) {
            cases = new ObjectMapper().readTree(in);
        }
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static GenerationOptions greedy(int numPredict) {
        return GenerationOptions.defaults().withOverrides(Map.of("temperature", 0, "num_predict", numPredict));
    }

    @Test
    void greedyTokensFollowTheGoldenGeneration() {
        for (JsonNode c : cases) {
            int[] prompt = EmbeddingGoldenTest.ints(c.get("prompt_ids"));
            int[] golden = EmbeddingGoldenTest.ints(c.get("generated"));
            List<Integer> ours = tokens(model.generate(prompt, greedy(golden.length), -1));
            for (int step = 0; step < golden.length; step++) {
                assertTrue(step < ours.size(), "generation ended early at step " + step);
                JsonNode top = c.get("steps").get(step).get("exact_top");
                if (top.get(0).get(1).asDouble() - top.get(1).get(1).asDouble() > 0.04) {
                    assertEquals(top.get(0).get(0).asInt(), ours.get(step),
                            "'" + c.get("text").asText() + "' step " + step);
                }
                if (ours.get(step) != golden[step]) {
                    break; // llama.cpp went another way here: its later steps follow a different history
                }
            }
        }
    }

    @Test
    void numPredictEndsWithLength() {
        Generation g = model.generate(EmbeddingGoldenTest.ints(cases.get(0).get("prompt_ids")), greedy(3), -1);
        GenerationResult r = g.run(t -> { });
        assertEquals(3, r.evalCount());
        assertEquals(DoneReason.LENGTH, r.doneReason());
        assertEquals(2 + 3, r.context().length, "context holds prompt and generated tokens");
    }

    @Test
    void logprobsComeWithEachTokenWhenAsked() {
        Generation g = model.generate(EmbeddingGoldenTest.ints(cases.get(0).get("prompt_ids")), greedy(2), 5);
        GeneratedToken first = g.next();
        g.close();
        assertEquals(5, first.logprobs().top().size());
        assertEquals(first.id(), first.logprobs().top().get(0).tokenId(), "greedy picks the most likely token");
        double golden = cases.get(0).get("steps").get(0).get("exact_top").get(0).get(1).asDouble();
        assertEquals(golden, first.logprobs().chosen().logprob(), 0.02);
    }

    @Test
    void concurrentGenerationsDoNotInterfere() throws Exception {
        List<int[]> prompts = new ArrayList<>();
        List<List<Integer>> sequential = new ArrayList<>();
        for (JsonNode c : cases) {
            int[] prompt = EmbeddingGoldenTest.ints(c.get("prompt_ids"));
            prompts.add(prompt);
            sequential.add(tokens(model.generate(prompt, greedy(8), -1)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<List<Integer>>> futures = new ArrayList<>();
            for (int[] prompt : prompts) {
                futures.add(pool.submit(() -> tokens(model.generate(prompt, greedy(8), -1))));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(sequential.get(i), futures.get(i).get(), "prompt " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aContinuedConversationReusesTheCachedPrefix() {
        int[] prompt = EmbeddingGoldenTest.ints(cases.get(1).get("prompt_ids"));
        GenerationResult first = model.generate(prompt, greedy(4), -1).run(t -> { });
        int[] longer = java.util.Arrays.copyOf(first.context(), first.context().length + 1);
        longer[longer.length - 1] = prompt[0];
        GenerationResult second = model.generate(longer, greedy(1), -1).run(t -> { });
        assertTrue(second.promptEvalCount() < longer.length,
                "only new tokens are evaluated, not " + second.promptEvalCount() + " of " + longer.length);
        assertArrayEquals(longer, java.util.Arrays.copyOf(second.context(), longer.length));
    }

    static List<Integer> tokens(Generation g) {
        List<Integer> ids = new ArrayList<>();
        g.run(t -> {
            if (t.id() >= 0) {
                ids.add(t.id());
            }
        });
        return ids;
    }
}
