package jollama.engine.parse;

/**
 * Whitespace and tag-overlap helpers. "Whitespace" follows Go's {@code unicode.IsSpace}, which Ollama's
 * parsers use: ASCII \t \n \u000B \f \r and space, U+0085, U+00A0 and the Unicode space, line and paragraph
 * separators. Java's {@code Character.isWhitespace} differs (it excludes no-break spaces and includes
 * U+001C..U+001F), hence this class.
 */
final class Whitespace {

    private Whitespace() {
    }

    static boolean isSpace(char c) {
        return (c >= '\t' && c <= '\r') || c == '\u0085' || Character.isSpaceChar(c);
    }

    static String trimLeft(CharSequence s) {
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return s.subSequence(i, s.length()).toString();
    }

    static String trimRight(CharSequence s) {
        return s.subSequence(0, s.length() - trailingLength(s)).toString();
    }

    static boolean isBlank(CharSequence s) {
        return trailingLength(s) == s.length();
    }

    /** Number of whitespace chars at the end of {@code s}. */
    static int trailingLength(CharSequence s) {
        int n = 0;
        while (n < s.length() && isSpace(s.charAt(s.length() - 1 - n))) {
            n++;
        }
        return n;
    }

    /** Length of the longest suffix of {@code s} that is a prefix of {@code tag} (0 when none). */
    static int overlap(CharSequence s, String tag) {
        for (int n = Math.min(tag.length(), s.length()); n > 0; n--) {
            if (regionEquals(s, s.length() - n, tag, n)) {
                return n;
            }
        }
        return 0;
    }

    private static boolean regionEquals(CharSequence s, int from, String tag, int n) {
        for (int i = 0; i < n; i++) {
            if (s.charAt(from + i) != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
