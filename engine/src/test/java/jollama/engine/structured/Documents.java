package jollama.engine.structured;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Feeds documents to a constraint, byte by byte or as the real tokenizer splits them. */
final class Documents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Documents() {
    }

    static JsonConstraint schema(String json) {
        try {
            return JsonConstraint.compile(JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the constraint accepts exactly these bytes as a complete document, one byte per token. */
    static boolean acceptsBytes(JsonConstraint c, byte[] bytes) {
        ConstraintState state = c.start(Vocab.index());
        for (byte b : bytes) {
            int id = Vocab.byteToken(b & 0xFF);
            if (!state.allows(id)) {
                return false;
            }
            state.accept(id);
        }
        return state.isComplete();
    }

    static boolean accepts(JsonConstraint c, String text) {
        return acceptsBytes(c, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The same through the tokens the Qwen3 tokenizer makes of the text, checked against the mask too. */
    static boolean acceptsTokens(JsonConstraint c, String text) {
        ConstraintState state = c.start(Vocab.index());
        TokenMask mask = new TokenMask(Vocab.index().vocabularySize());
        for (int id : Vocab.tokenizer().encode(text, false)) {
            state.allowedTokens(mask);
            boolean allowed = state.allows(id);
            if (allowed != mask.get(id)) {
                throw new AssertionError("mask and check disagree on token " + id);
            }
            if (!allowed) {
                return false;
            }
            state.accept(id);
        }
        return state.isComplete();
    }
}
