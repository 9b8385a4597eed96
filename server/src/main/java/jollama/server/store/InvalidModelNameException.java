package jollama.server.store;

/**
 * A model name that does not follow the grammar of {@link ModelName}. The message names the
 * offending part; HTTP handlers answer with Ollama's fixed text ({@code invalid model name})
 * and may log {@link #getMessage()}.
 */
public final class InvalidModelNameException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String input;

    InvalidModelNameException(String input, String reason) {
        super("invalid model name \"" + input + "\": " + reason);
        this.input = input;
    }

    /** The text that was parsed, as given. */
    public String input() {
        return input;
    }
}
