package jollama.engine.tokenizer;

/** The GGUF names a tokenizer model or pre-tokenizer that this engine does not implement. */
public final class UnsupportedTokenizerException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UnsupportedTokenizerException(String message) {
        super(message);
    }
}
