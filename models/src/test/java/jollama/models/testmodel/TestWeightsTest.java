package jollama.models.testmodel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The check values printed in the fixture spec. */
class TestWeightsTest {

    @Test
    void fnvOfTokenEmbedding() {
        assertEquals(0x2d85b88e70e67727L, TestWeights.fnv1a64("token_embd.weight"));
    }

    @Test
    void firstTokenEmbeddingElementsOfTiny() {
        float[] first = new float[4];
        TestWeights.matrix("token_embd.weight", 1, 256, 0, first);
        assertArrayEquals(new float[] {0.026057744398713112f, 0.006922156549990177f,
                0.0007155054481700063f, 0.01223164051771164f}, first);
    }
}
