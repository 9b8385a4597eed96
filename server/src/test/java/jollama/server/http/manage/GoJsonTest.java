package jollama.server.http.manage;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The blobs' JSON matches Go's encoder byte for byte, so layer digests match Ollama's. */
class GoJsonTest {

    private static String line(Object value) {
        return new String(GoJson.encodeLine(value), StandardCharsets.UTF_8);
    }

    @Test
    void mapsSortTheirKeysAndStructsKeepTheirOrder() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("temperature", 0.5);
        params.put("stop", List.of("<|im_end|>", "a&b"));
        params.put("num_predict", 5);
        assertEquals("{\"num_predict\":5,\"stop\":[\"\\u003c|im_end|\\u003e\",\"a\\u0026b\"],\"temperature\":0.5}\n",
                line(params));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("role", "user");
        fields.put("content", "Hi\n\"there\"\t\u0001");
        assertEquals("[{\"role\":\"user\",\"content\":\"Hi\\n\\\"there\\\"\\t\\u0001\"}]\n",
                line(List.of(new GoJson.Struct(fields))));
    }

    @Test
    void numbersAreWrittenAsGoWritesFloat64() {
        assertEquals("1", GoJson.float64(1.0));
        assertEquals("100", GoJson.float64(100.0));
        assertEquals("0.1", GoJson.float64(0.1));
        assertEquals("0.699999988079071", GoJson.float64(0.7f)); // a float32 widened: why params are kept as decimals
        assertEquals("1e+21", GoJson.float64(1e21));
        assertEquals("123456789012345680000", GoJson.float64(1.2345678901234568e20));
        assertEquals("0.000001", GoJson.float64(1e-6));
        assertEquals("1e-7", GoJson.float64(1e-7));
        assertEquals("-2.5e-10", GoJson.float64(-2.5e-10));
        assertEquals("-0", GoJson.float64(-0.0));
        assertEquals("3", line(3L).strip());
        assertEquals("true", line(true).strip());
        assertEquals("null", line(null).strip());
    }
}
