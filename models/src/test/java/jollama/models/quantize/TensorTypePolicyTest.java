package jollama.models.quantize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jollama.gguf.GGMLType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TensorTypePolicyTest {

    /** The tiny model's tensors in llama-quantize's order, as the golden hashes list them. */
    @ParameterizedTest
    @CsvSource({"q4_k_m,Q4_K_M", "q5_k_m,Q5_K_M", "q6_k,Q6_K", "q8_0,Q8_0", "q4_0,Q4_0", "f16,F16", "bf16,BF16"})
    void tinyModelTypesMatchLlamaQuantize(String variant, String fileType) throws IOException {
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/tensor-hashes.json")) {
            golden = new ObjectMapper().readTree(in).get(variant);
        }
        TensorTypePolicy policy = new TensorTypePolicy(FileType.parse(fileType), 2, false);
        for (Map.Entry<String, JsonNode> e : golden.properties()) {
            String name = e.getKey();
            int dims = name.endsWith("norm.weight") ? 1 : 2;
            long cols = name.contains("ffn_down") ? 768 : name.contains("attn_output") ? 512 : 256;
            GGMLType expected = GGMLType.valueOf(e.getValue().get("type").asText());
            GGMLType actual = TensorTypePolicy.isQuantizable(name, dims) ? policy.typeFor(name, cols) : GGMLType.F32;
            assertEquals(expected, actual, variant + " " + name);
        }
    }

    /** For 28 layers llama.cpp's use_more_bits picks layers 0-2, 24-27 and every third from 5. */
    @Test
    void moreBitsLayersOf28() {
        List<Integer> more = List.of(0, 1, 2, 5, 8, 11, 14, 17, 20, 23, 24, 25, 26, 27);
        for (int layer = 0; layer < 28; layer++) {
            assertEquals(more.contains(layer), TensorTypePolicy.useMoreBits(layer, 28), "layer " + layer);
        }
    }

    @Test
    void normsAndVectorsStayUnquantized() {
        assertFalse(TensorTypePolicy.isQuantizable("blk.0.attn_norm.weight", 1));
        assertFalse(TensorTypePolicy.isQuantizable("blk.0.attn_q_norm.weight", 1));
        assertTrue(TensorTypePolicy.isQuantizable("blk.0.attn_q.weight", 2));
    }

    @Test
    void outputHeadWithRowsThatK_QuantsCannotSplitFallsBackToQ8_0() {
        TensorTypePolicy policy = new TensorTypePolicy(FileType.Q4_K_M, 2, true);
        assertEquals(GGMLType.Q8_0, policy.typeFor("output.weight", 320));
        assertEquals(GGMLType.Q5_0, policy.typeFor("blk.0.attn_q.weight", 320));
    }
}
