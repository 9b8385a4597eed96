package jollama.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON as Ollama's Go server reads and writes it: snake_case names, unknown fields ignored, field
 * names matched without regard to case (Go's quirk, so {@code "Model"} works), no coercion of
 * strings to numbers or booleans (Go rejects {@code "stream":"false"}), null fields left out.
 */
public final class Json {

    private final ObjectMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Decodes a request body whatever its Content-Type (curl -d sends form-urlencoded).
     *
     * @throws ApiError 400 {@code missing request body} for an empty body, 400 with the decoder's
     *                  message for malformed JSON or a wrong type
     */
    public <T> T parseBody(byte[] body, Class<T> type) {
        JsonNode tree;
        try {
            tree = body == null ? null : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest(e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        // Jackson gives null or a MissingNode for an empty or all-blank body: Go's decoder says io.EOF
        if (tree == null || tree.isMissingNode()) {
            throw ApiError.badRequest("missing request body");
        }
        if (tree.isNull()) {
            tree = mapper.createObjectNode(); // Go decodes "null" into the zero request
        }
        if (!tree.isObject()) {
            throw ApiError.badRequest("json: cannot unmarshal " + kind(tree) + " into Go value of type "
                    + type.getSimpleName());
        }
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest(e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    public byte[] bytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Go's name for a JSON value's kind in decoder errors. */
    static String kind(JsonNode node) {
        if (node.isArray()) {
            return "array";
        }
        if (node.isTextual()) {
            return "string";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
