package jollama.engine.sampling;

/**
 * A known option was given a value of the wrong JSON type. The message uses Ollama's wording
 * ({@code option "temperature" must be of type float32}); Ollama answers it with HTTP 500.
 */
public final class InvalidOptionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String option;

    InvalidOptionException(String option, String message) {
        super(message);
        this.option = option;
    }

    /** The offending option's JSON name. */
    public String option() {
        return option;
    }
}
