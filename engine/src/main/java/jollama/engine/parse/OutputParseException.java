package jollama.engine.parse;

import java.util.List;

/**
 * The model's output could not be parsed, e.g. a Qwen3 {@code <tool_call>} body that is not valid JSON.
 * Ollama ends the request and sends the message as {@code {"error": ...}}. The events the same
 * {@link OutputParser#feed} produced before the failure are kept so that a server may still send them.
 */
public final class OutputParseException extends RuntimeException {

    private final transient List<ParseEvent> eventsBefore;

    public OutputParseException(String message, List<ParseEvent> eventsBefore) {
        super(message);
        this.eventsBefore = List.copyOf(eventsBefore);
    }

    OutputParseException(String message) {
        this(message, List.of());
    }

    /** Events of the failing feed that came before the failure, in order. */
    public List<ParseEvent> eventsBefore() {
        return eventsBefore;
    }
}
