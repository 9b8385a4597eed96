package jollama.engine.template;

/** Python's notion of whitespace ({@code str.isspace}, regex {@code \s}), wider than Java's. */
final class PyChars {

    private PyChars() {
    }

    static boolean isSpace(int c) {
        // Java's isWhitespace leaves out the no-break spaces and U+0085, which Python counts.
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85;
    }

    static String rstripSpace(String s) {
        int end = s.length();
        while (end > 0 && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
