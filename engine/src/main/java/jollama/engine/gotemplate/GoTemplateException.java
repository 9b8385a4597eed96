package jollama.engine.gotemplate;

/**
 * A Go template could not be parsed or executed. The message is worded as Go's text/template
 * words it ({@code template: :3: unexpected "}" in operand} for parse errors,
 * {@code template: :1:7: executing "" at <.Foo.Bar>: ...} for execution errors), because Ollama
 * passes those messages to clients (e.g. {@code template error: ...} from /api/create).
 * {@link #line()} and {@link #column()} count from 1; column is 0 when unknown.
 */
public final class GoTemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    GoTemplateException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
