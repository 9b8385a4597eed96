package jollama.engine.tokenizer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Token text and type by id, and the id of a token text. Immutable. */
public final class Vocabulary {

    /** What {@link #id(String)} answers for a text that is no token. */
    public static final int NOT_FOUND = -1;

    private final String[] texts;
    private final TokenType[] types;
    private final Map<String, Integer> idsByText;

    Vocabulary(List<String> tokens, List<TokenType> tokenTypes) {
        this.texts = tokens.toArray(String[]::new);
        this.types = tokenTypes.toArray(TokenType[]::new);
        this.idsByText = HashMap.newHashMap(texts.length);
        for (int id = 0; id < texts.length; id++) {
            // A later duplicate wins, as in llama.cpp's token_to_id.
            idsByText.put(texts[id], id);
        }
    }

    public int size() {
        return texts.length;
    }

    /** The token's text as stored: byte-level alphabet for normal tokens, plain text for added ones. */
    public String text(int id) {
        return texts[checkId(id)];
    }

    public TokenType type(int id) {
        return types[checkId(id)];
    }

    /** The id of the token with exactly this stored text, or {@link #NOT_FOUND}. */
    public int id(String text) {
        Integer id = idsByText.get(text);
        return id == null ? NOT_FOUND : id;
    }

    private int checkId(int id) {
        if (id < 0 || id >= texts.length) {
            throw new IllegalArgumentException("token id " + id + " outside the vocabulary of " + texts.length);
        }
        return id;
    }
}
