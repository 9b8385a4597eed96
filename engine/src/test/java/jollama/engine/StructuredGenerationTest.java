package jollama.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jollama.engine.generate.GenerationResult;
import jollama.engine.sampling.GenerationOptions;
import jollama.engine.structured.JsonConstraint;
import jollama.models.testmodel.TestModelConfig;
import jollama.models.testmodel.TestModelFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Structured output through the public API: the random-weight model's free text is gibberish, so
 * only the constraint can make each reply a valid instance of the schema, within num_predict.
 */
class StructuredGenerationTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static Model model;

    @BeforeAll
    static void load() throws IOException {
        model = Model.open(TestModelFiles.get(TestModelConfig.TINY, "q4_k_m"));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void repliesAreInstancesOfTheSchema(long seed) throws IOException {
        JsonConstraint schema = JsonConstraint.compile(JSON.readTree("""
                {"type":"object","properties":{"name":{"type":"string","maxLength":12},
                 "age":{"type":"integer","minimum":0,"maximum":150},
                 "tags":{"type":"array","items":{"enum":["a","b"]},"maxItems":3}},
                 "required":["name","age"]}"""));
        GenerationOptions options = GenerationOptions.defaults().withOverrides(
                Map.of("temperature", 1.0, "seed", seed, "num_predict", 80));
        GenerationResult r = model.generate(model.tokenize("Describe a person as JSON."), options, -1, schema)
                .run(t -> { });
        JsonNode value = JSON.readTree(r.text());
        assertTrue(value.get("name").isTextual(), r.text());
        assertTrue(value.get("name").asText().codePointCount(0, value.get("name").asText().length()) <= 12, r.text());
        int age = value.get("age").asInt(-1);
        assertTrue(value.get("age").isIntegralNumber() && age >= 0 && age <= 150, r.text());
        if (value.has("tags")) {
            assertTrue(value.get("tags").size() <= 3, r.text());
            value.get("tags").forEach(t -> assertTrue(t.asText().equals("a") || t.asText().equals("b"), r.text()));
        }
        assertEquals("stop", r.doneReason().apiName(), "the constraint closes the JSON and ends the reply");
    }
}
