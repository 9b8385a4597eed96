package jollama.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenerationOptionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, Object> json(String text) throws Exception {
        return JSON.readValue(text, new TypeReference<Map<String, Object>>() { });
    }

    @Test
    void defaultsAreOllamas() {
        GenerationOptions d = GenerationOptions.defaults();
        assertEquals(-1L, d.seed());
        assertEquals(-1, d.numPredict());
        assertEquals(40, d.topK());
        assertEquals(0.9f, d.topP());
        assertEquals(0.0f, d.minP());
        assertEquals(1.0f, d.typicalP());
        assertEquals(64, d.repeatLastN());
        assertEquals(0.8f, d.temperature());
        assertEquals(1.0f, d.repeatPenalty());
        assertEquals(0.0f, d.presencePenalty());
        assertEquals(0.0f, d.frequencyPenalty());
        assertEquals(List.of(), d.stop());
        assertEquals(4, d.numKeep());
        assertEquals(512, d.numBatch());
        assertEquals(-1, d.numGpu());
        assertEquals(0, d.numThread());
        assertEquals(4096, d.numCtx());
        assertNull(d.mainGpu());
        assertNull(d.useMmap());
    }

    @Test
    void parsesJsonOptions() throws Exception {
        GenerationOptions o = GenerationOptions.fromMap(json("""
                {"temperature": 0.2, "top_k": 10, "top_p": 0.5, "seed": 42, "num_predict": 128,
                 "stop": ["<|im_end|>", "\\n\\n"], "use_mmap": false, "main_gpu": 1,
                 "repeat_last_n": -1, "presence_penalty": 1.5, "num_ctx": 8192}
                """));
        assertEquals(0.2f, o.temperature());
        assertEquals(10, o.topK());
        assertEquals(0.5f, o.topP());
        assertEquals(42L, o.seed());
        assertEquals(128, o.numPredict());
        assertEquals(List.of("<|im_end|>", "\n\n"), o.stop());
        assertEquals(Boolean.FALSE, o.useMmap());
        assertEquals(1, o.mainGpu());
        assertEquals(1.5f, o.presencePenalty());
        assertEquals(8192, o.effectiveRepeatLastN(), "-1 means the whole context");
    }

    @Test
    void integerOptionsAcceptFloatsAndTruncateLikeGo() throws Exception {
        GenerationOptions o = GenerationOptions.fromMap(json("""
                {"num_predict": 128.0, "top_k": 1.9, "repeat_last_n": -1.5, "seed": 12345678901}
                """));
        assertEquals(128, o.numPredict());
        assertEquals(1, o.topK());
        assertEquals(-1, o.repeatLastN());
        assertEquals(12345678901L, o.seed());
    }

    @Test
    void floatOptionsAcceptIntegers() throws Exception {
        GenerationOptions o = GenerationOptions.fromMap(json("{\"temperature\": 1, \"top_p\": 0}"));
        assertEquals(1.0f, o.temperature());
        assertEquals(0.0f, o.topP());
    }

    @Test
    void wrongTypesFailWithOllamasWording() throws Exception {
        assertError("{\"temperature\": \"hot\"}", "temperature", "option \"temperature\" must be of type float32");
        assertError("{\"top_k\": \"40\"}", "top_k", "option \"top_k\" must be of type integer");
        assertError("{\"num_ctx\": true}", "num_ctx", "option \"num_ctx\" must be of type integer");
        assertError("{\"use_mmap\": \"yes\"}", "use_mmap", "option \"use_mmap\" must be of type boolean");
        assertError("{\"stop\": \"END\"}", "stop", "option \"stop\" must be of type array");
        assertError("{\"stop\": [\"a\", 1]}", "stop", "option \"stop\" must be of an array of strings");
        assertError("{\"seed\": {\"x\": 1}}", "seed", "option \"seed\" must be of type integer");
    }

    private static void assertError(String body, String option, String message) throws Exception {
        Map<String, Object> map = json(body);
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> GenerationOptions.fromMap(map));
        assertEquals(message, e.getMessage());
        assertEquals(option, e.option());
    }

    @Test
    void unknownDeprecatedAndNullOptionsAreIgnored() throws Exception {
        GenerationOptions o = GenerationOptions.fromMap(json("""
                {"mirostat": 2, "mirostat_tau": 5.0, "mirostat_eta": 0.1, "tfs_z": "x",
                 "penalize_newline": true, "numa": false, "low_vram": 1, "f16_kv": true,
                 "logits_all": false, "vocab_only": false, "use_mlock": true,
                 "no_such_option": [1, 2], "temperature": null, "Temperature": "case matters"}
                """));
        assertEquals(GenerationOptions.defaults(), o);
        assertTrue(GenerationOptions.isDeprecatedOption("penalize_newline"));
        assertFalse(GenerationOptions.isKnownOption("mirostat"));
        assertTrue(GenerationOptions.isKnownOption("typical_p"));
    }

    @Test
    void layersMergeDefaultsThenModelThenRequest() throws Exception {
        Map<String, Object> modelParams = json("""
                {"temperature": 0.6, "top_k": 20, "top_p": 0.95, "stop": ["<|im_start|>", "<|im_end|>"]}
                """);
        Map<String, Object> request = json("{\"temperature\": 0.0, \"num_predict\": 5}");

        GenerationOptions o = GenerationOptions.defaults().withOverrides(modelParams).withOverrides(request);

        assertEquals(0.0f, o.temperature(), "request wins over model");
        assertEquals(20, o.topK(), "model wins over defaults");
        assertEquals(0.95f, o.topP());
        assertEquals(5, o.numPredict());
        assertEquals(List.of("<|im_start|>", "<|im_end|>"), o.stop());
        assertEquals(0.9f, GenerationOptions.defaults().topP());

        GenerationOptions replacedStop = o.withOverrides(json("{\"stop\": [\"###\"]}"));
        assertEquals(List.of("###"), replacedStop.stop(), "a request stop list replaces the model's");
    }

    @Test
    void builderRoundTripsAndStopListIsImmutable() {
        List<String> stops = new java.util.ArrayList<>(List.of("a"));
        GenerationOptions o = GenerationOptions.builder().temperature(0.1f).stop(stops).seed(7).build();
        stops.add("b");
        assertEquals(List.of("a"), o.stop());
        assertThrows(UnsupportedOperationException.class, () -> o.stop().add("c"));
        assertEquals(o, o.toBuilder().build());
        assertEquals(0, o.toBuilder().repeatLastN(0).build().effectiveRepeatLastN());
    }

    @Test
    void emptyOrMissingMapLeavesLayerUnchanged() {
        GenerationOptions base = GenerationOptions.builder().topK(3).build();
        assertEquals(base, base.withOverrides(null));
        assertEquals(base, base.withOverrides(new HashMap<>()));
    }
}
