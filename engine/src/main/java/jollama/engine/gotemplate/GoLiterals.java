package jollama.engine.gotemplate;

import java.math.BigInteger;

/** Go's literal syntax as templates use it: strconv.Unquote, UnquoteChar and number constants. */
final class GoLiterals {

    private GoLiterals() {
    }

    /** A bad literal; the message is Go's (without position). */
    static final class SyntaxException extends Exception {

        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message, null, false, false);
        }
    }

    /** Unquotes a "double-quoted" string or a `raw` string (raw strings lose their CRs, as in Go). */
    static String unquote(String quoted) throws SyntaxException {
        if (quoted.startsWith("`")) {
            return quoted.substring(1, quoted.length() - 1).replace("\r", "");
        }
        StringBuilder out = new StringBuilder();
        int[] pos = {1};
        int end = quoted.length() - 1;
        while (pos[0] < end) {
            int cp = unquoteChar(quoted, pos, '"');
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    /** The code point of a 'c' character constant. */
    static int unquoteRune(String quoted) throws SyntaxException {
        int[] pos = {1};
        int cp = unquoteChar(quoted, pos, '\'');
        if (pos[0] != quoted.length() - 1) {
            throw new SyntaxException("malformed character constant: " + quoted);
        }
        return cp;
    }

    /** Decodes one (possibly escaped) character at pos[0], advancing it. */
    private static int unquoteChar(String s, int[] pos, char quote) throws SyntaxException {
        int cp = s.codePointAt(pos[0]);
        pos[0] += Character.charCount(cp);
        if (cp == quote && quote == '\'') {
            throw new SyntaxException("invalid syntax");
        }
        if (cp != '\\') {
            return cp;
        }
        if (pos[0] >= s.length()) {
            throw new SyntaxException("invalid syntax");
        }
        char c = s.charAt(pos[0]++);
        return switch (c) {
            case 'a' -> 7;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> 0x0B;
            case '\\' -> '\\';
            case 'x' -> hex(s, pos, 2);
            case 'u' -> checkRune(hex(s, pos, 4));
            case 'U' -> checkRune(hex(s, pos, 8));
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                int start = pos[0] - 1;
                if (start + 3 > s.length()) {
                    throw new SyntaxException("invalid syntax");
                }
                int v = 0;
                for (int i = start; i < start + 3; i++) {
                    char d = s.charAt(i);
                    if (d < '0' || d > '7') {
                        throw new SyntaxException("invalid syntax");
                    }
                    v = v * 8 + (d - '0');
                }
                if (v > 255) {
                    throw new SyntaxException("invalid syntax");
                }
                pos[0] = start + 3;
                yield v;
            }
            default -> {
                if (c == quote) {
                    yield c;
                }
                throw new SyntaxException("invalid syntax");
            }
        };
    }

    private static int hex(String s, int[] pos, int n) throws SyntaxException {
        if (pos[0] + n > s.length()) {
            throw new SyntaxException("invalid syntax");
        }
        try {
            int v = (int) Long.parseLong(s.substring(pos[0], pos[0] + n), 16);
            pos[0] += n;
            return v;
        } catch (NumberFormatException e) {
            throw new SyntaxException("invalid syntax");
        }
    }

    private static int checkRune(int cp) throws SyntaxException {
        if (cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF) || cp < 0) {
            throw new SyntaxException("invalid syntax");
        }
        return cp;
    }

    /**
     * The value a number constant has where no type is known (Go's idealConstant): int when it
     * is written as an integer (including hex, octal, binary and character constants), float64
     * when it has a point or an exponent.
     */
    static Object number(String text) throws SyntaxException {
        String digits = text.replace("_", "");
        boolean negative = digits.startsWith("-");
        String unsigned = digits.startsWith("-") || digits.startsWith("+") ? digits.substring(1) : digits;
        boolean hex = unsigned.startsWith("0x") || unsigned.startsWith("0X");
        boolean looksFloat = hex ? unsigned.matches("(?i)0x.*p.*") : unsigned.matches(".*[.eE].*");
        if (!looksFloat) {
            BigInteger value = parseInteger(unsigned);
            if (value == null) {
                throw new SyntaxException("illegal number syntax: " + GoQuote.quote(text, false));
            }
            if (negative) {
                value = value.negate();
            }
            if (value.bitLength() > 63) {
                throw new SyntaxException(text + " overflows int");
            }
            return value.longValue();
        }
        try {
            // Java wants a binary exponent on every hex float; Go's are written with one anyway.
            double d = Double.parseDouble(hex && !unsigned.matches("(?i).*p.*") ? unsigned + "p0" : unsigned);
            return negative ? -d : d;
        } catch (NumberFormatException e) {
            throw new SyntaxException("illegal number syntax: " + GoQuote.quote(text, false));
        }
    }

    private static BigInteger parseInteger(String s) {
        try {
            if (s.length() > 2 && s.charAt(0) == '0') {
                char p = Character.toLowerCase(s.charAt(1));
                if (p == 'x') {
                    return new BigInteger(s.substring(2), 16);
                } else if (p == 'o') {
                    return new BigInteger(s.substring(2), 8);
                } else if (p == 'b') {
                    return new BigInteger(s.substring(2), 2);
                }
            }
            if (s.length() > 1 && s.charAt(0) == '0') {
                return new BigInteger(s.substring(1), 8);
            }
            return new BigInteger(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
