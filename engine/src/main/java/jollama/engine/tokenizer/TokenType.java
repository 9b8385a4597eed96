package jollama.engine.tokenizer;

/**
 * What a vocabulary entry is, as GGUF stores it in {@code tokenizer.ggml.token_type}
 * (the values of llama.cpp's {@code llama_token_type}).
 */
public enum TokenType {
    UNDEFINED(0),
    /** Ordinary BPE token; its text is in the byte-level alphabet. */
    NORMAL(1),
    UNKNOWN(2),
    /** Special token such as {@code <|im_end|>}; matched in text only when special parsing is asked for. */
    CONTROL(3),
    /** Added token such as {@code <think>}; always matched in text, its text is stored as is. */
    USER_DEFINED(4),
    /** Placeholder id with no meaning; never produced by encoding, decodes to nothing. */
    UNUSED(5),
    BYTE(6);

    private final int ggmlValue;

    TokenType(int ggmlValue) {
        this.ggmlValue = ggmlValue;
    }

    public int ggmlValue() {
        return ggmlValue;
    }

    public static TokenType fromGgml(int value) {
        for (TokenType type : values()) {
            if (type.ggmlValue == value) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown ggml token type " + value);
    }

    /** Whether the token is cut out of the text before pre-tokenization (llama.cpp's special token cache). */
    boolean isAddedToken() {
        return this == CONTROL || this == USER_DEFINED || this == UNKNOWN;
    }

    /** Whether it is matched in text only when the caller asks for special parsing. */
    boolean needsSpecialParsing() {
        return this == CONTROL || this == UNKNOWN;
    }
}
