package jollama.gguf;

/**
 * A metadata key or tensor that a caller asked for is missing, or a metadata value has another
 * type than the caller expected. Unchecked: it is a mismatch between a model file and the code
 * that reads it, which the caller reports rather than recovers from.
 */
public class GGUFLookupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GGUFLookupException(String message) {
        super(message);
    }
}
