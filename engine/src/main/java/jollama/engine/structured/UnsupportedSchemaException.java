package jollama.engine.structured;

/**
 * A JSON Schema (or format value) that jollama cannot turn into a constraint, or that no JSON
 * value satisfies. The message names the keyword or feature, for a 400 reply: generating without
 * the constraint would silently break the caller's contract.
 */
public final class UnsupportedSchemaException extends IllegalArgumentException {

    public UnsupportedSchemaException(String message) {
        super(message);
    }
}
