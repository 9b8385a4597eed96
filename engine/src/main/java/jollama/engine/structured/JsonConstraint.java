package jollama.engine.structured;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A compiled output constraint: the JSON documents a generation may produce, for Ollama's
 * {@code format} ({@code "json"} or a JSON Schema) and OpenAI's {@code response_format}.
 * Immutable apart from its mask cache, and safe to share between generations and threads;
 * compiling is cheap, but reusing one constraint (say, {@link #json()} per model) also reuses
 * the token masks it has computed.
 *
 * <pre>{@code
 * TokenizerIndex index = TokenizerIndex.build(tokenizer);          // once per model
 * ConstraintState state = JsonConstraint.compile(schema).start(index);
 * // each step:  state.applyMask(logits, tokensLeft); id = sample(logits); state.accept(id);
 * }</pre>
 *
 * <p>What the constraint allows is described in {@link SchemaCompiler} (the supported subset of
 * JSON Schema, the property order) and {@link JsonSyntax} (whitespace, number sizes).
 */
public final class JsonConstraint {

    private final Grammar grammar;
    private final Map<TokenizerIndex, MaskCache> caches = new ConcurrentHashMap<>();

    private JsonConstraint(Grammar grammar) {
        this.grammar = grammar;
    }

    /** Any JSON object: what {@code "format": "json"} asks for. */
    public static JsonConstraint json() {
        return new JsonConstraint(SchemaCompiler.jsonObject());
    }

    /**
     * A JSON Schema, or the text node {@code "json"}.
     *
     * @throws UnsupportedSchemaException naming the keyword or feature that cannot be honoured
     */
    public static JsonConstraint compile(JsonNode schemaOrJson) {
        if (schemaOrJson.isTextual() && schemaOrJson.asText().equals("json")) {
            return json();
        }
        return new JsonConstraint(SchemaCompiler.compile(schemaOrJson));
    }

    /**
     * The constraint for a request's {@code format} value, as Ollama reads it: missing, null or
     * {@code ""} mean none; {@code "json"} any object; an object a JSON Schema.
     *
     * @throws InvalidFormatException      for any other value, with Ollama's message
     * @throws UnsupportedSchemaException  for a schema that cannot be honoured
     */
    public static Optional<JsonConstraint> forFormat(JsonNode format) {
        if (format == null || format.isNull() || format.isMissingNode()
                || (format.isTextual() && format.asText().isEmpty())) {
            return Optional.empty();
        }
        if (format.isTextual() && format.asText().equals("json")) {
            return Optional.of(json());
        }
        if (!format.isObject()) {
            throw new InvalidFormatException(format.toString());
        }
        return Optional.of(compile(format));
    }

    /** A fresh state at the start of the output, for a model whose vocabulary {@code index} describes. */
    public ConstraintState start(TokenizerIndex index) {
        MaskCache cache = caches.computeIfAbsent(index, i -> new MaskCache(grammar, i));
        return new ConstraintState(grammar, index, cache);
    }

    /** States of the compiled automaton (for diagnostics and benchmarks). */
    public int stateCount() {
        return grammar.stateCount();
    }

    /** The fewest bytes of a document that satisfies the constraint. */
    public int minLength() {
        return grammar.minLength();
    }
}
