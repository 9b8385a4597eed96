package jollama.server.modelfile;

/**
 * A Modelfile that cannot be parsed or turned into a create request. The message reads as
 * Ollama's does: {@code (line 3): command must be one of ...} when a line is at fault,
 * {@code unexpected EOF} for an unfinished command or quote, {@code no FROM line}.
 */
public final class ModelfileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final String reason;

    private ModelfileException(int line, String reason) {
        super(line > 0 ? "(line " + line + "): " + reason : reason);
        this.line = line;
        this.reason = reason;
    }

    /** A problem on a given line (1-based). */
    public static ModelfileException atLine(int line, String reason) {
        return new ModelfileException(line, reason);
    }

    /** A problem of the file as a whole (or of a value, found after parsing). */
    public static ModelfileException of(String reason) {
        return new ModelfileException(0, reason);
    }

    /** The 1-based line, or 0 when no single line is at fault. */
    public int line() {
        return line;
    }

    /** The message without the line prefix. */
    public String reason() {
        return reason;
    }
}
