package jollama.engine.gotemplate;

/** One lexical item of a template, as Go's text/template lexer produces them. */
record Token(Kind kind, String text, int pos) {

    enum Kind {
        ERROR, EOF, TEXT, LEFT_DELIM, RIGHT_DELIM, SPACE,
        IDENTIFIER, FIELD, VARIABLE, DOT, STRING, RAW_STRING, CHAR_CONSTANT, NUMBER, BOOL, NIL,
        PIPE, LEFT_PAREN, RIGHT_PAREN, DECLARE, ASSIGN, CHAR,
        BLOCK, BREAK, CONTINUE, DEFINE, ELSE, END, IF, RANGE, TEMPLATE, WITH;

        boolean isKeyword() {
            return ordinal() >= BLOCK.ordinal();
        }
    }

    /** The token as Go's parser quotes it in "unexpected ..." messages. */
    String describe() {
        return switch (kind) {
            case EOF -> "EOF";
            case ERROR -> text;
            case SPACE -> "space";
            default -> kind.isKeyword() ? "<" + text + ">"
                    : text.length() > 10 ? GoQuote.quote(text.substring(0, 10), false) + "..."
                    : GoQuote.quote(text, false);
        };
    }
}
