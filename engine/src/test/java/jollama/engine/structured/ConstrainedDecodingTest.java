package jollama.engine.structured;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jollama.engine.sampling.GenerationOptions;
import jollama.engine.sampling.Sampler;
import jollama.gguf.GGUFFile;
import jollama.models.Architectures;
import jollama.models.LanguageModel;
import jollama.models.Sequence;
import jollama.models.testmodel.TestModelConfig;
import jollama.models.testmodel.TestModelFiles;
import jollama.quant.MatrixOps;
import jollama.quant.ParallelPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The tiny model has random weights: left alone it writes garbage. Decoding through the mask at
 * temperature 1 must still give, for every random schema and seed, a document that parses as
 * strict JSON (well-formed UTF-8 included) and validates against the schema, within the token
 * budget, which the mask enforces by closing the value in time.
 */
class ConstrainedDecodingTest {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final int SCHEMAS = 100;
    private static final long[] SEEDS = {1, 2};

    static GGUFFile file;
    static MatrixOps ops;
    static LanguageModel model;
    static int[] prompt;
    /** One sequence for every decode: the prompt is evaluated once, each decode cuts back to it. */
    static Sequence sequence;
    static float[] promptLogits;
    private static final int MAX_BUDGET = 512;

    @BeforeAll
    static void load() throws IOException {
        file = GGUFFile.open(TestModelFiles.get(TestModelConfig.TINY, "q4_k_m"));
        ops = new MatrixOps(new ParallelPool(2));
        model = Architectures.load(file, ops);
        prompt = Vocab.tokenizer().encode("<|im_start|>user\nAnswer in JSON.<|im_end|>\n<|im_start|>assistant\n", true);
        sequence = model.newSequence(prompt.length + MAX_BUDGET);
        promptLogits = sequence.append(prompt, 0, prompt.length).clone();
    }

    @AfterAll
    static void close() throws IOException {
        ops.close();
        file.close();
    }

    @Test
    void randomSchemasGiveValidDocuments() {
        RandomSchemas schemas = new RandomSchemas(42);
        SplittableRandom budgets = new SplittableRandom(7);
        for (int n = 0; n < SCHEMAS; n++) {
            int i = n;
            JsonNode schema = schemas.next();
            JsonConstraint constraint = JsonConstraint.compile(schema);
            for (long seed : SEEDS) {
                int budget = Math.max(constraint.minLength() + 4, 10 + budgets.nextInt(40));
                byte[] out = decode(constraint, seed, budget);
                JsonNode value = parseStrict(out, "schema " + i + " " + schema + " seed " + seed);
                List<String> errors = new SchemaValidator(schema).errors(value);
                assertTrue(errors.isEmpty(), () -> "schema " + i + " " + schema + " seed " + seed + " gave "
                        + new String(out, StandardCharsets.UTF_8) + ": " + errors);
            }
        }
    }

    @Test
    void jsonModeGivesAnObject() {
        JsonConstraint json = JsonConstraint.json();
        for (long seed = 1; seed <= 6; seed++) {
            byte[] out = decode(json, seed, 20 + 20 * (int) seed);
            assertTrue(parseStrict(out, "json mode seed " + seed).isObject());
        }
    }

    @Test
    void tightBudgetStillClosesNestedValues() {
        JsonNode schema = parse("""
                {"type":"object","properties":{"a":{"type":"array","items":{"type":"array","items":{"type":"string"}}},
                 "b":{"type":"object","properties":{"c":{"type":"string"}},"required":["c"]}},"required":["a","b"]}""");
        JsonConstraint constraint = JsonConstraint.compile(schema);
        for (int budget = constraint.minLength(); budget < constraint.minLength() + 12; budget++) {
            byte[] out = decode(constraint, budget, budget);
            assertTrue(new SchemaValidator(schema).errors(parseStrict(out, "budget " + budget)).isEmpty());
        }
    }

    /** Samples up to {@code budget} tokens through the mask; the state must be complete at the end. */
    private static byte[] decode(JsonConstraint constraint, long seed, int budget) {
        GenerationOptions options = GenerationOptions.defaults().withOverrides(Map.of("temperature", 1,
                "top_k", 0, "top_p", 1, "seed", seed));
        Sampler sampler = new Sampler(options, model.vocabularySize());
        sequence.truncate(prompt.length);
        float[] logits = promptLogits.clone();
        ConstraintState state = constraint.start(Vocab.index());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int step = 0; step < budget; step++) {
            state.applyMask(logits, budget - step);
            int id = sampler.sample(logits);
            state.accept(id);
            if (state.hasEnded()) {
                break;
            }
            out.writeBytes(Vocab.tokenizer().tokenBytes(id));
            if (step + 1 < budget) {
                logits = sequence.append(new int[] {id}, 0, 1).clone();
            }
        }
        if (!state.isComplete()) {
            fail("incomplete after " + budget + " tokens: " + out.toString(StandardCharsets.UTF_8));
        }
        assertEquals(0, state.bytesToFinish());
        return out.toByteArray();
    }

    private static JsonNode parseStrict(byte[] bytes, String what) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return STRICT.readTree(bytes);
        } catch (CharacterCodingException e) {
            throw new AssertionError(what + ": not UTF-8: " + new String(bytes, StandardCharsets.UTF_8), e);
        } catch (IOException e) {
            throw new AssertionError(what + ": not JSON: " + new String(bytes, StandardCharsets.UTF_8), e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return STRICT.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
