package jollama.engine.structured;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The fast mask (cached per state, with run-time walks where a token crosses the end of a rule,
 * and the length budget) must equal the slow definition: each token checked alone, byte by byte,
 * against the current configurations, and allowed when the value can still be completed within
 * the tokens left. Checked along random walks that favour structural tokens, so that the walks
 * cross many rule boundaries, and with budgets near the limit.
 */
class MaskConsistencyTest {

    private static final String STRUCTURAL = "\"{}[],:";

    @Test
    void jsonMode() {
        walk(JsonConstraint.json(), 1, 30);
    }

    @Test
    void personSchema() throws IOException {
        walk(JsonConstraint.compile(new ObjectMapper().readTree("""
                {"type":"object","properties":{"name":{"type":"string","maxLength":12},
                 "age":{"type":"integer","minimum":0,"maximum":130},"email":{"type":"string","format":"email"},
                 "born":{"type":"string","format":"date"},"score":{"type":"number","minimum":-1,"maximum":1},
                 "tags":{"type":"array","items":{"enum":["a","b\\"c","日本"]},"maxItems":3},
                 "extra":{"type":"object","additionalProperties":{"type":"boolean"}}},
                 "required":["name","age"]}""")), 2, 30);
    }

    @Test
    void recursiveAndAlternatives() throws IOException {
        walk(JsonConstraint.compile(new ObjectMapper().readTree("""
                {"$defs":{"node":{"type":"object","properties":{"v":{"anyOf":[{"type":"integer"},{"type":"string"},
                 {"type":"null"}]},"kids":{"type":"array","items":{"$ref":"#/$defs/node"}}},"required":["v","kids"]}},
                 "$ref":"#/$defs/node"}""")), 3, 30);
    }

    @Test
    void randomSchemas() {
        RandomSchemas schemas = new RandomSchemas(99);
        for (int i = 0; i < 3; i++) {
            walk(JsonConstraint.compile(schemas.next()), 10 + i, 12);
        }
    }

    /**
     * The plain JSON rules share their states' masks between grammars by name and place; that
     * is only sound if those states mean the same everywhere, whatever order a schema created the
     * rules in.
     */
    @Test
    void sharedRuleStatesMeanTheSameInEveryGrammar() {
        Grammar a = SchemaCompiler.jsonObject();
        Grammar b = SchemaCompiler.compile(Documents.json("""
                {"type":"array","items":{"anyOf":[{"type":"number"},{"type":"integer"},{"type":"string"},{}]}}"""));
        TrieWalker walkerA = new TrieWalker(a, Vocab.index());
        TrieWalker walkerB = new TrieWalker(b, Vocab.index());
        java.util.Map<String, Integer> statesB = new java.util.HashMap<>();
        for (int q = 0; q < b.stateCount(); q++) {
            if (b.sharedKey(q) != null) {
                statesB.put(b.sharedKey(q), q);
            }
        }
        int compared = 0;
        for (int q = 0; q < a.stateCount(); q++) {
            Integer other = a.sharedKey(q) == null ? null : statesB.get(a.sharedKey(q));
            if (other != null) {
                StateMask x = walkerA.precompute(q);
                StateMask y = walkerB.precompute(other);
                String key = a.sharedKey(q);
                assertTrue(java.util.Arrays.equals(x.dense(), y.dense()), key);
                assertTrue(java.util.Arrays.equals(x.sparse(), y.sparse()), key);
                assertTrue(java.util.Arrays.equals(x.popNodes(), y.popNodes()), key);
                assertEquals(x.maxIncrease(), y.maxIncrease(), key);
                assertEquals(a.dist(q), b.dist(other), key);
                compared++;
            }
        }
        assertTrue(compared > 50, "only " + compared + " shared states compared");
    }

    private static void walk(JsonConstraint constraint, long seed, int steps) {
        TokenizerIndex index = Vocab.index();
        SplittableRandom random = new SplittableRandom(seed);
        ConstraintState state = constraint.start(index);
        TokenMask mask = new TokenMask(index.vocabularySize());
        for (int step = 0; step < steps && !state.hasEnded(); step++) {
            int finish = state.bytesToFinish();
            int remaining = random.nextInt(3) == 0 ? finish + random.nextInt(6) : Integer.MAX_VALUE;
            state.allowedTokens(mask, remaining);
            List<Integer> allowed = new ArrayList<>();
            List<Integer> structural = new ArrayList<>();
            long threshold = Math.max((long) remaining - 1, finish - 1L);
            for (int id = 0; id < index.vocabularySize(); id++) {
                boolean expected;
                if (index.isEndOfGeneration(id)) {
                    expected = state.isComplete();
                } else {
                    int after = state.bytesToFinishAfter(id);
                    expected = after >= 0 && after <= threshold;
                }
                if (expected != mask.get(id)) {
                    fail("step " + step + " remaining " + remaining + ": token " + id + " '"
                            + new String(Vocab.tokenizer().tokenBytes(id)) + "' expected " + expected);
                }
                if (expected) {
                    allowed.add(id);
                    byte[] b = index.bytes(id);
                    if (b != null && b.length <= 4 && containsStructural(b)) {
                        structural.add(id);
                    }
                }
            }
            assertTrue(!allowed.isEmpty(), "step " + step + ": nothing allowed");
            List<Integer> pool = !structural.isEmpty() && random.nextBoolean() ? structural : allowed;
            state.accept(pool.get(random.nextInt(pool.size())));
        }
        assertEquals(state.isComplete(), state.bytesToFinish() == 0);
    }

    private static boolean containsStructural(byte[] bytes) {
        for (byte b : bytes) {
            if (STRUCTURAL.indexOf(b) >= 0) {
                return true;
            }
        }
        return false;
    }
}
