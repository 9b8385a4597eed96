package jollama.engine.template;

/**
 * One lexical token. {@code text} is the literal data for TEXT, the unescaped value for STRING,
 * the spelling for NAME, numbers and operators; {@code pos} is the offset in the {@link Source}.
 */
record Token(Type type, String text, int pos) {

    enum Type { TEXT, VARIABLE_BEGIN, VARIABLE_END, BLOCK_BEGIN, BLOCK_END, NAME, STRING, INTEGER, FLOAT, OPERATOR, EOF }

    boolean is(Type t, String s) {
        return type == t && text.equals(s);
    }

    boolean isName(String s) {
        return is(Type.NAME, s);
    }

    boolean isOperator(String s) {
        return is(Type.OPERATOR, s);
    }

    /** How the token reads in an error message. */
    String describe() {
        return switch (type) {
            case EOF -> "end of template";
            case BLOCK_END -> "end of statement block";
            case VARIABLE_END -> "end of print statement";
            case STRING -> "string literal";
            case TEXT -> "template data";
            default -> "'" + text + "'";
        };
    }
}
