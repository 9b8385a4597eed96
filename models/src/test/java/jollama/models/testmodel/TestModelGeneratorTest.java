package jollama.models.testmodel;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Tensor lists and ranged generation, against the spec's table and formulas. */
class TestModelGeneratorTest {

    @Test
    void configsOfTheSpecTable() {
        TestModelConfig b4 = TestModelConfig.named("4b");
        assertEquals(List.of(2560, 36, 32, 8, 128, 9728, 151936), List.of(b4.hidden(), b4.layers(), b4.heads(),
                b4.kvHeads(), b4.headDim(), b4.ffn(), b4.vocab()));
        assertEquals(4, b4.seed());
        assertEquals(6, TestModelConfig.named("0.6b").seed());
        assertEquals(2, TestModelConfig.named("tiny-embed").seed());
        assertEquals(TestModelConfig.TINY, TestModelConfig.named("tiny"));
        assertEquals("qwen3-tiny-seed9", TestModelConfig.TINY.withSeed(9).generalName());
        assertEquals(2 + 11 * 5, TestModelGenerator.tensorSpecs(TestModelConfig.TINY.withLayers(5)).size());
    }

    @Test
    void tinyTensorListInSpecOrder() {
        List<String> names = TestModelGenerator.tensorSpecs(TestModelConfig.TINY).stream()
                .map(TestTensorSpec::name).toList();
        assertEquals(24, names.size());
        assertEquals("token_embd.weight", names.get(0));
        assertEquals(List.of("blk.0.attn_norm.weight", "blk.0.attn_q.weight", "blk.0.attn_k.weight",
                "blk.0.attn_v.weight", "blk.0.attn_q_norm.weight", "blk.0.attn_k_norm.weight",
                "blk.0.attn_output.weight", "blk.0.ffn_norm.weight", "blk.0.ffn_gate.weight",
                "blk.0.ffn_up.weight", "blk.0.ffn_down.weight"), names.subList(1, 12));
        assertEquals("output_norm.weight", names.get(23));
    }

    @Test
    void shapesAreNe0First() {
        TestModelConfig c = TestModelConfig.TINY;
        assertArrayEquals(new long[] {256, 151936}, TestModelGenerator.tensorSpec(c, "token_embd.weight").shape());
        assertArrayEquals(new long[] {256, 512}, TestModelGenerator.tensorSpec(c, "blk.1.attn_q.weight").shape());
        assertArrayEquals(new long[] {256, 256}, TestModelGenerator.tensorSpec(c, "blk.1.attn_k.weight").shape());
        assertArrayEquals(new long[] {512, 256}, TestModelGenerator.tensorSpec(c, "blk.0.attn_output.weight").shape());
        assertArrayEquals(new long[] {768, 256}, TestModelGenerator.tensorSpec(c, "blk.0.ffn_down.weight").shape());
        assertArrayEquals(new long[] {128}, TestModelGenerator.tensorSpec(c, "blk.0.attn_k_norm.weight").shape());
        assertThrows(IllegalArgumentException.class, () -> TestModelGenerator.tensorSpec(c, "blk.2.attn_q.weight"));
        assertThrows(IllegalArgumentException.class, () -> TestModelGenerator.tensorSpec(c, "output.weight"));
        assertThrows(IllegalArgumentException.class, () -> TestModelGenerator.tensorSpec(c, "blk.01.attn_q.weight"));
    }

    @Test
    void fourBillionConfigIsSixteenGigabytesOfF32() {
        long elements = TestModelGenerator.tensorSpecs(TestModelConfig.QWEN3_4B).stream()
                .mapToLong(TestTensorSpec::elementCount).sum();
        assertEquals(4_022_468_096L, elements); // Qwen3-4B's parameter count with tied embeddings
    }

    @Test
    void spotValuesFromTheSpec() {
        float[] first = new float[4];
        TestModelGenerator.fill(TestModelConfig.TINY, "token_embd.weight", 0, first);
        assertArrayEquals(new float[] {0.026057744398713112f, 0.006922156549990177f,
                0.0007155054481700063f, 0.01223164051771164f}, first);
        float[] norm = TestModelGenerator.generate(TestModelConfig.TINY, "output_norm.weight");
        for (float v : norm) {
            assertEquals(10.0, v, 1.0 + 1e-6); // c = 10, ±10%
        }
        double bound = Math.sqrt(3.0 / 768);
        for (float v : TestModelGenerator.generate(TestModelConfig.TINY, "blk.0.ffn_down.weight")) {
            assertEquals(0.0, v, bound + 1e-7);
        }
    }

    /** The embedding model's two constants that the README leaves out (found from its golden hashes). */
    @Test
    void embeddingModelScalesTokenEmbeddingAndOutputNormDifferently() {
        double bound = Math.sqrt(3.0) * 0.25;
        float[] embd = new float[100_000];
        TestModelGenerator.fill(TestModelConfig.TINY_EMBED, "token_embd.weight", 1_000_000, embd);
        float max = 0;
        for (float v : embd) {
            max = Math.max(max, Math.abs(v));
        }
        assertEquals(bound, max, 0.01 * bound);
        for (float v : TestModelGenerator.generate(TestModelConfig.TINY_EMBED, "output_norm.weight")) {
            assertEquals(1.0, v, 0.1 + 1e-6);
        }
        float[] whole = TestModelGenerator.generate(TestModelConfig.TINY_EMBED, "output_norm.weight");
        float[] part = new float[50];
        TestModelGenerator.fill(TestModelConfig.TINY_EMBED, "output_norm.weight", 200, part);
        assertArrayEquals(Arrays.copyOfRange(whole, 200, 250), part);
    }

    @Test
    void rangesAgreeWithTheWholeTensor() {
        for (String name : List.of("blk.1.attn_v.weight", "blk.0.ffn_norm.weight")) {
            float[] whole = TestModelGenerator.generate(TestModelConfig.TINY, name);
            float[] part = new float[100];
            TestModelGenerator.fill(TestModelConfig.TINY, name, 37, part);
            assertArrayEquals(Arrays.copyOfRange(whole, 37, 137), part, name);
        }
        assertThrows(IndexOutOfBoundsException.class,
                () -> TestModelGenerator.fill(TestModelConfig.TINY, "blk.0.ffn_norm.weight", 200, new float[100]));
    }
}
