package jollama.server.modelfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads Modelfile text into commands with the rules of Ollama's {@code parser.ParseFile}, a
 * character-by-character state machine:
 * <ul>
 *   <li>a command is a word of letters, matched without regard to case, then spaces, then the
 *       value up to the end of the line; {@code #} at the start of a line begins a comment;</li>
 *   <li>{@code PARAMETER} is followed by a name of letters, digits and {@code _};
 *       {@code MESSAGE} by a role (system, user or assistant);</li>
 *   <li>the value is trimmed; a value that starts with {@code """} runs, across lines, until one
 *       that ends with {@code """}; one that starts with {@code "} until one that ends with
 *       {@code "}; the outer quotes are removed and nothing inside is unescaped;</li>
 *   <li>characters that are not printable (control characters) are dropped from names and
 *       values, except tabs and the line breaks inside a quoted value.</li>
 * </ul>
 * Unlike Ollama, a CRLF line end counts as one line in error messages, and an error that a line
 * break brings to light is reported on the line it ends.
 */
final class ModelfileParser {

    static final String INVALID_COMMAND = "command must be one of \"from\", \"license\", \"template\", \"system\", "
            + "\"adapter\", \"draft\", \"renderer\", \"parser\", \"parameter\", \"message\", or \"requires\"";
    static final String INVALID_ROLE = "message role must be one of \"system\", \"user\", or \"assistant\"";
    static final String UNEXPECTED_EOF = "unexpected EOF";
    static final String MISSING_FROM = "no FROM line";

    private enum State { NONE, NAME, VALUE, PARAMETER, ROLE, COMMENT }

    private final List<ModelfileCommand> commands = new ArrayList<>();
    private final StringBuilder buffer = new StringBuilder();
    private State state = State.NONE;
    /** The command keyword (upper case) whose value is being read. */
    private String keyword;
    private String parameterName;
    private String role;
    private int line = 1;
    /** The line on which the current command started, for errors found at its end. */
    private int commandLine = 1;

    private ModelfileParser() {
    }

    static List<ModelfileCommand> parse(String text) throws ModelfileException {
        ModelfileParser parser = new ModelfileParser();
        String input = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int previous = -1;
        for (int i = 0; i < input.length(); ) {
            int c = input.codePointAt(i);
            i += Character.charCount(c);
            parser.accept(c, previous);
            previous = c;
        }
        parser.finish();
        return List.copyOf(parser.commands);
    }

    private void accept(int c, int previous) throws ModelfileException {
        int lineOfChar = line;
        if (c == '\n' || c == '\r') {
            if (!(c == '\n' && previous == '\r')) {
                line++;
            }
        }
        switch (state) {
            case NONE -> {
                if (c == '#') {
                    state = State.COMMENT;
                } else if (!isSpace(c) && !isLineBreak(c)) {
                    state = State.NAME;
                    commandLine = lineOfChar;
                    append(c);
                }
            }
            case COMMENT -> {
                if (isLineBreak(c)) {
                    state = State.NONE;
                }
            }
            case NAME -> {
                if (isLetter(c)) {
                    append(c);
                } else if (isSpace(c)) {
                    startValue(lineOfChar);
                } else {
                    throw ModelfileException.atLine(lineOfChar, INVALID_COMMAND);
                }
            }
            case PARAMETER -> {
                if (isLetter(c) || c >= '0' && c <= '9' || c == '_') {
                    append(c);
                } else if (isSpace(c)) {
                    parameterName = take();
                    state = State.VALUE;
                } else {
                    throw ModelfileException.of(UNEXPECTED_EOF + ": " + buffer);
                }
            }
            case ROLE -> {
                if (isLetter(c)) {
                    append(c);
                } else if (isSpace(c)) {
                    role = take();
                    if (!role.equals("system") && !role.equals("user") && !role.equals("assistant")) {
                        throw ModelfileException.atLine(lineOfChar, INVALID_ROLE);
                    }
                    state = State.VALUE;
                } else {
                    throw ModelfileException.of(UNEXPECTED_EOF + ": " + buffer);
                }
            }
            case VALUE -> {
                if (isSpace(c) || isLineBreak(c)) {
                    String value = isSpace(c) ? null : unquote(buffer.toString().strip());
                    if (value == null) {
                        // inside the value (or an open quote): keep the blank or the line break
                        buffer.appendCodePoint(c);
                    } else {
                        buffer.setLength(0);
                        emit(value);
                        state = State.NONE;
                    }
                } else {
                    append(c);
                }
            }
        }
    }

    /** After the command word: which state reads the rest depends on the word. */
    private void startValue(int lineOfChar) throws ModelfileException {
        String word = take();
        keyword = ModelfileCommand.normalizedKeyword(word);
        if (keyword == null) {
            throw ModelfileException.atLine(lineOfChar, INVALID_COMMAND);
        }
        state = switch (keyword) {
            case "PARAMETER" -> State.PARAMETER;
            case "MESSAGE" -> State.ROLE;
            default -> State.VALUE;
        };
    }

    private void finish() throws ModelfileException {
        switch (state) {
            case NONE, COMMENT -> {
            }
            case VALUE -> {
                String value = unquote(buffer.toString().strip());
                if (value == null) {
                    throw ModelfileException.of(UNEXPECTED_EOF);
                }
                emit(value);
            }
            default -> throw ModelfileException.of(UNEXPECTED_EOF);
        }
        if (commands.stream().noneMatch(c -> c instanceof ModelfileCommand.From)) {
            throw ModelfileException.of(MISSING_FROM);
        }
    }

    private void emit(String value) {
        commands.add(switch (keyword) {
            case "FROM" -> new ModelfileCommand.From(value);
            case "PARAMETER" -> new ModelfileCommand.Parameter(parameterName, value);
            case "TEMPLATE" -> new ModelfileCommand.Template(value);
            case "SYSTEM" -> new ModelfileCommand.SystemPrompt(value);
            case "ADAPTER" -> new ModelfileCommand.Adapter(value);
            case "LICENSE" -> new ModelfileCommand.License(value);
            case "MESSAGE" -> new ModelfileCommand.Message(role, value);
            case "REQUIRES" -> new ModelfileCommand.Requires(value);
            case "RENDERER" -> new ModelfileCommand.Renderer(value);
            case "PARSER" -> new ModelfileCommand.Parser(value);
            case "DRAFT" -> new ModelfileCommand.Draft(value);
            default -> throw new IllegalStateException("unhandled keyword " + keyword);
        });
        keyword = null;
        parameterName = null;
        role = null;
    }

    /**
     * The value without its quotes, or null while a quote is still open: {@code """…"""} needs at
     * least six characters, {@code "…"} at least two; unquoted text is taken as it is.
     */
    static String unquote(String s) {
        if (s.startsWith("\"\"\"")) {
            return s.length() >= 6 && s.endsWith("\"\"\"") ? s.substring(3, s.length() - 3) : null;
        }
        if (s.startsWith("\"")) {
            return s.length() >= 2 && s.endsWith("\"") ? s.substring(1, s.length() - 1) : null;
        }
        return s;
    }

    private void append(int c) {
        if (isPrintable(c)) {
            buffer.appendCodePoint(c);
        }
    }

    private String take() {
        String s = buffer.toString();
        buffer.setLength(0);
        return s;
    }

    private static boolean isLetter(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isLineBreak(int c) {
        return c == '\r' || c == '\n';
    }

    /** Go's strconv.IsPrint, near enough: the ASCII space and every visible character. */
    private static boolean isPrintable(int c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.SURROGATE,
                 Character.PRIVATE_USE, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                 Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
