package jollama.engine.gotemplate;

/** Go's strconv.Quote, QuoteToASCII, QuoteRune and CanBackquote, for the %q verb. */
final class GoQuote {

    private GoQuote() {
    }

    static String quote(String s, boolean asciiOnly) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(cp -> appendEscaped(out, cp, '"', asciiOnly));
        return out.append('"').toString();
    }

    static String quoteRune(long value, boolean asciiOnly) {
        int cp = value < 0 || value > Character.MAX_CODE_POINT || (value >= 0xD800 && value <= 0xDFFF)
                ? 0xFFFD : (int) value;
        StringBuilder out = new StringBuilder("'");
        appendEscaped(out, cp, '\'', asciiOnly);
        return out.append('\'').toString();
    }

    static boolean canBackquote(String s) {
        return s.codePoints().allMatch(c -> c == '\t' || (c >= ' ' && c != '`' && c != 0x7F && c != 0xFEFF && c != 0xFFFD));
    }

    private static void appendEscaped(StringBuilder out, int cp, char quote, boolean asciiOnly) {
        if (cp == quote || cp == '\\') {
            out.append('\\').appendCodePoint(cp);
            return;
        }
        if (asciiOnly ? cp < 0x80 && isPrint(cp) : isPrint(cp)) {
            out.appendCodePoint(cp);
            return;
        }
        switch (cp) {
            case 0x07 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 0x0B -> out.append("\\v");
            default -> {
                if (cp < ' ' || cp == 0x7F) {
                    out.append(String.format("\\x%02x", cp));
                } else if (Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
                    out.append("\\ufffd");
                } else if (cp < 0x10000) {
                    out.append(String.format("\\u%04x", cp));
                } else {
                    out.append(String.format("\\U%08x", cp));
                }
            }
        }
    }

    /** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                 Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                 Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                 Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                 Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                 Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }
}
