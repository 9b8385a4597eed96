package jollama.models;

/** A model file that jollama cannot run: unsupported architecture, missing or malformed tensors. */
public class ModelException extends RuntimeException {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
