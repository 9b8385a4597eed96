package jollama.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jollama.engine.embed.Pooling;
import jollama.models.testmodel.TestModelConfig;
import jollama.models.testmodel.TestModelFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Q8_0 embedding model against llama-server's golden embeddings (last-token pooling, EOS appended). */
class EmbeddingGoldenTest {

    static Model model;

    @BeforeAll
    static void load() throws IOException {
        model = Model.open(TestModelFiles.get(TestModelConfig.TINY_EMBED, "q8_0"));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void readsPoolingFromTheFile() {
        assertEquals(Pooling.LAST, model.info().pooling());
        assertTrue(model.info().isEmbeddingModel());
    }

    @Test
    void embeddingsMatchTheExactValues() throws IOException {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/golden/embed-q8_0.json")) {
            cases = new ObjectMapper().readTree(in);
        }
        assertEquals(5, cases.size());
        for (JsonNode c : cases) {
            String text = c.get("text").asText();
            assertArrayEquals(ints(c.get("ids")), model.embeddingTokens(text), "token ids of '" + text + "'");
            float[] ours = model.embed(text);
            double cosine = cosine(ours, doubles(c.get("exact_embedding")));
            assertTrue(cosine >= 0.99999, "cosine " + cosine + " for '" + text + "'");
            assertEquals(1.0, norm(ours), 1e-5, "embeddings are L2-normalized");
        }
    }

    static double cosine(float[] a, double[] b) {
        assertEquals(b.length, a.length);
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }
}
