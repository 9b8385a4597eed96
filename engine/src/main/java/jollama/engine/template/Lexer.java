package jollama.engine.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a template into tokens the way Jinja's lexer does with the options transformers uses
 * ({@code trim_blocks=True, lstrip_blocks=True}): template data, tag delimiters, and the
 * expression tokens inside tags. Whitespace control is applied here, to the data around tags:
 * <ul>
 *   <li>{@code {%-}, {@code {{-}, {@code {#-} strip all whitespace before the tag, and
 *       {@code -%}}, {@code -}}}, {@code -#}} all whitespace after it;</li>
 *   <li>trim_blocks: the first newline after {@code %}} or {@code #}} goes (not after {@code }}});</li>
 *   <li>lstrip_blocks: spaces and tabs between the start of a line and {@code {%} or {@code {#}
 *       go; {@code {%+} keeps them and {@code +%}} keeps the newline.</li>
 * </ul>
 * Comments are dropped.
 */
final class Lexer {

    private static final String[] TWO_CHAR_OPERATORS = {"//", "**", "==", "!=", "<=", ">="};
    private static final String ONE_CHAR_OPERATORS = "+-/*%~[](){}<>=.:|,;";

    private final Source source;
    private final String s;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    /** Jinja's line_starting: the last token ended a line, so data from here begins one. */
    private boolean lineStarting = true;

    private Lexer(Source source) {
        this.source = source;
        this.s = source.text();
    }

    static List<Token> tokenize(Source source) {
        Lexer lexer = new Lexer(source);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (pos < s.length()) {
            int tag = nextTagStart(pos);
            if (tag < 0) {
                addText(s.substring(pos), pos);
                break;
            }
            char kind = s.charAt(tag + 1);
            char sign = tag + 2 < s.length() ? s.charAt(tag + 2) : 0;
            boolean hasSign = sign == '-' || sign == '+';
            addText(stripBeforeTag(s.substring(pos, tag), kind, hasSign ? sign : 0), pos);
            int contentStart = tag + 2 + (hasSign ? 1 : 0);
            if (kind == '#') {
                skipComment(tag, contentStart);
            } else {
                boolean block = kind == '%';
                tokens.add(new Token(block ? Token.Type.BLOCK_BEGIN : Token.Type.VARIABLE_BEGIN,
                        s.substring(tag, contentStart), tag));
                pos = contentStart;
                lexTag(block, tag);
            }
            lineStarting = s.charAt(pos - 1) == '\n';
        }
        tokens.add(new Token(Token.Type.EOF, "", s.length()));
    }

    private int nextTagStart(int from) {
        int i = s.indexOf('{', from);
        while (i >= 0 && i + 1 < s.length()) {
            char c = s.charAt(i + 1);
            if (c == '{' || c == '%' || c == '#') {
                return i;
            }
            i = s.indexOf('{', i + 1);
        }
        return -1;
    }

    private String stripBeforeTag(String text, char kind, char sign) {
        if (sign == '-') {
            return PyChars.rstripSpace(text);
        }
        if (sign == '+' || kind == '{') {
            return text;
        }
        int lineStart = text.lastIndexOf('\n') + 1;
        if (lineStart > 0 || lineStarting) {
            String tail = text.substring(lineStart);
            if (!tail.isEmpty() && tail.chars().allMatch(PyChars::isSpace)) {
                return text.substring(0, lineStart);
            }
        }
        return text;
    }

    private void addText(String text, int at) {
        if (!text.isEmpty()) {
            tokens.add(new Token(Token.Type.TEXT, text, at));
        }
    }

    private void skipComment(int tag, int contentStart) {
        int end = s.indexOf("#}", contentStart);
        if (end < 0) {
            throw source.error("unclosed comment '{#'", tag);
        }
        char sign = end > contentStart ? s.charAt(end - 1) : 0;
        pos = end + 2;
        afterBlockEnd(sign);
    }

    /** Whitespace handling after {@code %}} or {@code #}}; {@code sign} is the char before it. */
    private void afterBlockEnd(char sign) {
        if (sign == '-') {
            skipWhitespace();
        } else if (sign != '+' && pos < s.length() && s.charAt(pos) == '\n') {
            pos++;
        }
    }

    private void skipWhitespace() {
        while (pos < s.length() && PyChars.isSpace(s.charAt(pos))) {
            pos++;
        }
    }

    private void lexTag(boolean block, int tagStart) {
        int depth = 0;
        while (true) {
            skipWhitespace();
            if (pos >= s.length()) {
                throw source.error("unclosed tag '" + (block ? "{%" : "{{") + "'", tagStart);
            }
            // Like Jinja, a closing delimiter counts only outside brackets: {{ {'a': {}}} }}.
            if (depth == 0 && lexTagEnd(block)) {
                return;
            }
            char c = s.charAt(pos);
            if (c == '\'' || c == '"') {
                lexString(c);
            } else if (Character.isDigit(c)) {
                lexNumber();
            } else if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                    pos++;
                }
                tokens.add(new Token(Token.Type.NAME, s.substring(start, pos), start));
            } else {
                depth = lexOperator(depth);
            }
        }
    }

    private boolean lexTagEnd(boolean block) {
        String close = block ? "%}" : "}}";
        int start = pos;
        if (s.startsWith("-" + close, pos)) {
            pos += 3;
            skipWhitespace();
        } else if (block && s.startsWith("+" + close, pos)) {
            pos += 3;
        } else if (s.startsWith(close, pos)) {
            pos += 2;
            if (block) {
                afterBlockEnd((char) 0);
            }
        } else {
            return false;
        }
        tokens.add(new Token(block ? Token.Type.BLOCK_END : Token.Type.VARIABLE_END, close, start));
        return true;
    }

    private int lexOperator(int depth) {
        int start = pos;
        for (String op : TWO_CHAR_OPERATORS) {
            if (s.startsWith(op, pos)) {
                pos += 2;
                tokens.add(new Token(Token.Type.OPERATOR, op, start));
                return depth;
            }
        }
        char c = s.charAt(pos);
        if (ONE_CHAR_OPERATORS.indexOf(c) < 0) {
            throw source.error("unexpected character '" + c + "'", pos);
        }
        pos++;
        tokens.add(new Token(Token.Type.OPERATOR, String.valueOf(c), start));
        if (c == '(' || c == '[' || c == '{') {
            return depth + 1;
        }
        if (c == ')' || c == ']' || c == '}') {
            if (depth == 0) {
                throw source.error("unexpected '" + c + "'", start);
            }
            return depth - 1;
        }
        return depth;
    }

    private void lexNumber() {
        int start = pos;
        digits();
        boolean isFloat = false;
        // After a dot, "0.1" is two attribute indices (a.0.1), as in Jinja's lexer.
        boolean afterDot = start > 0 && s.charAt(start - 1) == '.';
        if (!afterDot && pos + 1 < s.length() && s.charAt(pos) == '.' && Character.isDigit(s.charAt(pos + 1))) {
            pos++;
            digits();
            isFloat = true;
        }
        if (!afterDot && pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            int mark = pos;
            pos++;
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                digits();
                isFloat = true;
            } else {
                pos = mark;
            }
        }
        String text = s.substring(start, pos).replace("_", "");
        tokens.add(new Token(isFloat ? Token.Type.FLOAT : Token.Type.INTEGER, text, start));
    }

    private void digits() {
        while (pos < s.length() && (Character.isDigit(s.charAt(pos))
                || (s.charAt(pos) == '_' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1))))) {
            pos++;
        }
    }

    private void lexString(char quote) {
        int start = pos;
        StringBuilder value = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= s.length()) {
                throw source.error("unterminated string", start);
            }
            char c = s.charAt(pos);
            if (c == quote) {
                pos++;
                break;
            }
            if (c == '\\' && pos + 1 < s.length()) {
                pos = unescape(value, pos + 1, start);
            } else {
                value.append(c);
                pos++;
            }
        }
        tokens.add(new Token(Token.Type.STRING, value.toString(), start));
    }

    /** Python's unicode-escape decoding of one escape; {@code at} is just after the backslash. */
    private int unescape(StringBuilder out, int at, int stringStart) {
        char c = s.charAt(at);
        switch (c) {
            case '\n' -> { }
            case '\\', '\'', '"' -> out.append(c);
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\u000b');
            case 'x' -> {
                return hexEscape(out, at + 1, 2, stringStart);
            }
            case 'u' -> {
                return hexEscape(out, at + 1, 4, stringStart);
            }
            case 'U' -> {
                return hexEscape(out, at + 1, 8, stringStart);
            }
            case 'N' -> throw source.error("unsupported escape \\N{...} in string", stringStart);
            default -> {
                if (c >= '0' && c <= '7') {
                    int end = at;
                    while (end < at + 3 && end < s.length() && s.charAt(end) >= '0' && s.charAt(end) <= '7') {
                        end++;
                    }
                    out.appendCodePoint(Integer.parseInt(s.substring(at, end), 8));
                    return end;
                }
                // Python keeps unknown escapes as they are, backslash included.
                out.append('\\').append(c);
            }
        }
        return at + 1;
    }

    private int hexEscape(StringBuilder out, int at, int count, int stringStart) {
        if (at + count > s.length()) {
            throw source.error("truncated \\" + s.charAt(at - 1) + " escape in string", stringStart);
        }
        String hex = s.substring(at, at + count);
        if (!hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            throw source.error("truncated \\" + s.charAt(at - 1) + " escape in string", stringStart);
        }
        int codePoint = Integer.parseInt(hex, 16);
        if (!Character.isValidCodePoint(codePoint)) {
            throw source.error("illegal Unicode character in string", stringStart);
        }
        out.appendCodePoint(codePoint);
        return at + count;
    }
}
