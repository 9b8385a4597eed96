package jollama.engine.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.LinkedHashMap;
import java.util.Map;

/** Jackson set up to read JSON objects into insertion-ordered maps (key order matters for tool arguments). */
final class OrderedJson {

    /** Never reconfigured after creation, so sharing it is safe. */
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final TypeReference<LinkedHashMap<String, Object>> ORDERED_MAP = new TypeReference<>() {
    };
    /** Whole-text reads: anything after the object is an error, as in Go's json.Unmarshal. */
    private static final ObjectReader WHOLE_OBJECT = MAPPER.readerFor(ORDERED_MAP)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private OrderedJson() {
    }

    /** The object {@code text} holds, or null when it is not exactly one valid JSON object. */
    static Map<String, Object> objectOrNull(String text) {
        try {
            return WHOLE_OBJECT.readValue(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
