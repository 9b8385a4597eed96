package jollama.engine.gotemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a template into tokens the way Go's text/template lexer does: text outside
 * {@code {{ }}}, and inside actions fields, variables, literals, keywords and separators
 * (runs of spaces are tokens too, because the parser needs them to tell {@code .A.B} from
 * {@code .A .B}). Trim markers {@code {{- } and {@code  -}}} remove the adjoining white space
 * (space, tab, CR, LF) from the text; comments {@code {{/* *}{@code /}}} vanish. A lexical error
 * ends the list with an ERROR token, which the parser reports.
 */
final class Lexer {

    private static final String LEFT = "{{";
    private static final String RIGHT = "}}";

    private static final Map<String, Token.Kind> KEYWORDS = Map.ofEntries(
            Map.entry("block", Token.Kind.BLOCK), Map.entry("break", Token.Kind.BREAK),
            Map.entry("continue", Token.Kind.CONTINUE), Map.entry("define", Token.Kind.DEFINE),
            Map.entry("else", Token.Kind.ELSE), Map.entry("end", Token.Kind.END), Map.entry("if", Token.Kind.IF),
            Map.entry("range", Token.Kind.RANGE), Map.entry("nil", Token.Kind.NIL),
            Map.entry("template", Token.Kind.TEMPLATE), Map.entry("with", Token.Kind.WITH));

    private final String input;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int parenDepth;

    private Lexer(String input) {
        this.input = input;
    }

    static List<Token> tokenize(String input) {
        Lexer lexer = new Lexer(input);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (lexText()) {
            // each round lexes one text run and the action or comment after it
        }
    }

    /** Returns false once EOF or an error has been emitted. */
    private boolean lexText() {
        int delim = input.indexOf(LEFT, pos);
        if (delim < 0) {
            if (pos < input.length()) {
                emit(Token.Kind.TEXT, pos, input.length());
            }
            emit(Token.Kind.EOF, input.length(), input.length());
            return false;
        }
        boolean trim = hasLeftTrimMarker(delim + LEFT.length());
        int textEnd = delim;
        if (trim) {
            while (textEnd > pos && isSpace(input.charAt(textEnd - 1))) {
                textEnd--;
            }
        }
        if (textEnd > pos) {
            emit(Token.Kind.TEXT, pos, textEnd);
        }
        pos = delim + LEFT.length();
        int afterMarker = trim ? 2 : 0;
        if (input.startsWith("/*", pos + afterMarker)) {
            pos += afterMarker;
            return lexComment();
        }
        emit(Token.Kind.LEFT_DELIM, delim, pos);
        pos += afterMarker;
        parenDepth = 0;
        return lexInsideAction();
    }

    private boolean lexComment() {
        int end = input.indexOf("*/", pos + 2);
        if (end < 0) {
            return error("unclosed comment");
        }
        pos = end + 2;
        int delim = atRightDelim();
        if (delim == 0) {
            return error("comment ends before closing delimiter");
        }
        pos += delim == 2 ? 2 + RIGHT.length() : RIGHT.length();
        if (delim == 2) {
            skipLeadingSpace();
        }
        return true;
    }

    /** 0: not at a right delimiter; 1: at "}}"; 2: at " -}}". */
    private int atRightDelim() {
        if (pos + 1 < input.length() && isSpace(input.charAt(pos)) && input.charAt(pos + 1) == '-'
                && input.startsWith(RIGHT, pos + 2)) {
            return 2;
        }
        return input.startsWith(RIGHT, pos) ? 1 : 0;
    }

    private boolean lexRightDelim() {
        boolean trim = atRightDelim() == 2;
        if (trim) {
            pos += 2;
        }
        emit(Token.Kind.RIGHT_DELIM, pos, pos + RIGHT.length());
        pos += RIGHT.length();
        if (trim) {
            skipLeadingSpace();
        }
        return true;
    }

    private void skipLeadingSpace() {
        while (pos < input.length() && isSpace(input.charAt(pos))) {
            pos++;
        }
    }

    private boolean lexInsideAction() {
        while (true) {
            if (atRightDelim() != 0) {
                if (parenDepth == 0) {
                    return lexRightDelim();
                }
                return error("unclosed left paren");
            }
            if (pos >= input.length()) {
                return error("unclosed action");
            }
            int start = pos;
            char c = input.charAt(pos);
            if (isSpace(c)) {
                if (!lexSpace()) {
                    return lexRightDelim();
                }
                continue;
            }
            pos++;
            switch (c) {
                case '=' -> emit(Token.Kind.ASSIGN, start, pos);
                case ':' -> {
                    if (pos >= input.length() || input.charAt(pos) != '=') {
                        return error("expected :=");
                    }
                    pos++;
                    emit(Token.Kind.DECLARE, start, pos);
                }
                case '|' -> emit(Token.Kind.PIPE, start, pos);
                case '"' -> {
                    if (!lexQuoted('"', "unterminated quoted string", Token.Kind.STRING, start)) {
                        return false;
                    }
                }
                case '`' -> {
                    int end = input.indexOf('`', pos);
                    if (end < 0) {
                        return error("unterminated raw quoted string");
                    }
                    pos = end + 1;
                    emit(Token.Kind.RAW_STRING, start, pos);
                }
                case '\'' -> {
                    if (!lexQuoted('\'', "unterminated character constant", Token.Kind.CHAR_CONSTANT, start)) {
                        return false;
                    }
                }
                case '$' -> {
                    if (!lexFieldOrVariable(Token.Kind.VARIABLE, start)) {
                        return false;
                    }
                }
                case '(' -> {
                    emit(Token.Kind.LEFT_PAREN, start, pos);
                    parenDepth++;
                }
                case ')' -> {
                    emit(Token.Kind.RIGHT_PAREN, start, pos);
                    parenDepth--;
                    if (parenDepth < 0) {
                        return error("unexpected right paren");
                    }
                }
                default -> {
                    if (c == '.' && (pos >= input.length() || !isDigit(input.charAt(pos)))) {
                        if (!lexFieldOrVariable(Token.Kind.FIELD, start)) {
                            return false;
                        }
                    } else if (c == '.' || c == '+' || c == '-' || isDigit(c)) {
                        pos = start;
                        if (!lexNumber()) {
                            return false;
                        }
                    } else if (isAlphaNumeric(c)) {
                        pos = start;
                        if (!lexIdentifier()) {
                            return false;
                        }
                    } else if (c < 0x80 && c >= 0x20 && c != 0x7F) {
                        emit(Token.Kind.CHAR, start, pos);
                    } else {
                        return error(String.format("unrecognized character in action: U+%04X", input.codePointAt(start)));
                    }
                }
            }
        }
    }

    /**
     * Lexes a run of spaces. Returns false when the run ends in the trim marker of a right
     * delimiter and consisted of that marker's space only (the caller then lexes the delimiter).
     */
    private boolean lexSpace() {
        int start = pos;
        while (pos < input.length() && isSpace(input.charAt(pos))) {
            pos++;
        }
        // " -}}": the last space belongs to the delimiter's trim marker.
        if (input.startsWith("-" + RIGHT, pos)) {
            pos--;
            if (pos == start) {
                return false;
            }
        }
        emit(Token.Kind.SPACE, start, pos);
        return true;
    }

    private boolean lexQuoted(char quote, String unterminated, Token.Kind kind, int start) {
        while (true) {
            if (pos >= input.length()) {
                return error(unterminated);
            }
            char c = input.charAt(pos++);
            if (c == '\\') {
                if (pos >= input.length() || input.charAt(pos) == '\n') {
                    return error(unterminated);
                }
                pos++;
            } else if (c == '\n') {
                return error(unterminated);
            } else if (c == quote) {
                emit(kind, start, pos);
                return true;
            }
        }
    }

    private boolean lexFieldOrVariable(Token.Kind kind, int start) {
        if (atTerminator()) {
            emit(kind == Token.Kind.VARIABLE ? Token.Kind.VARIABLE : Token.Kind.DOT, start, pos);
            return true;
        }
        while (pos < input.length() && isAlphaNumeric(input.charAt(pos))) {
            pos++;
        }
        if (!atTerminator()) {
            return error(badCharacter());
        }
        emit(kind, start, pos);
        return true;
    }

    private boolean lexIdentifier() {
        int start = pos;
        while (pos < input.length() && isAlphaNumeric(input.charAt(pos))) {
            pos++;
        }
        if (!atTerminator()) {
            return error(badCharacter());
        }
        String word = input.substring(start, pos);
        Token.Kind keyword = KEYWORDS.get(word);
        if (keyword != null) {
            emit(keyword, start, pos);
        } else if (word.equals("true") || word.equals("false")) {
            emit(Token.Kind.BOOL, start, pos);
        } else {
            emit(Token.Kind.IDENTIFIER, start, pos);
        }
        return true;
    }

    private boolean lexNumber() {
        int start = pos;
        accept("+-");
        String digits = "0123456789_";
        if (accept("0")) {
            if (accept("xX")) {
                digits = "0123456789abcdefABCDEF_";
            } else if (accept("oO")) {
                digits = "01234567_";
            } else if (accept("bB")) {
                digits = "01_";
            }
        }
        acceptRun(digits);
        if (accept(".")) {
            acceptRun(digits);
        }
        if (digits.length() == 11 && accept("eE")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        if (digits.length() == 23 && accept("pP")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        // Complex constants (1+2i) are valid Go but have no use in prompts: refused as bad syntax.
        if (pos < input.length() && (isAlphaNumeric(input.charAt(pos)) || input.charAt(pos) == '+'
                || input.charAt(pos) == '-')) {
            pos++;
            return error("bad number syntax: " + GoQuote.quote(input.substring(start, pos), false));
        }
        emit(Token.Kind.NUMBER, start, pos);
        return true;
    }

    private boolean accept(String valid) {
        if (pos < input.length() && valid.indexOf(input.charAt(pos)) >= 0) {
            pos++;
            return true;
        }
        return false;
    }

    private void acceptRun(String valid) {
        while (accept(valid)) {
            // absorb
        }
    }

    private boolean atTerminator() {
        if (pos >= input.length()) {
            return true;
        }
        char c = input.charAt(pos);
        return isSpace(c) || c == '.' || c == ',' || c == '|' || c == ':' || c == ')' || c == '('
                || input.startsWith(RIGHT, pos);
    }

    private String badCharacter() {
        int cp = input.codePointAt(pos);
        return String.format("bad character U+%04X '%s'", cp, new String(Character.toChars(cp)));
    }

    private boolean error(String message) {
        tokens.add(new Token(Token.Kind.ERROR, message, pos));
        return false;
    }

    private void emit(Token.Kind kind, int start, int end) {
        tokens.add(new Token(kind, input.substring(start, end), start));
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private boolean hasLeftTrimMarker(int at) {
        return at + 1 < input.length() && input.charAt(at) == '-' && isSpace(input.charAt(at + 1));
    }

    private static boolean isAlphaNumeric(char c) {
        return c == '_' || Character.isLetter(c) || Character.isDigit(c);
    }
}
