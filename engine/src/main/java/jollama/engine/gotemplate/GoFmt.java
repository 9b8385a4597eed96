package jollama.engine.gotemplate;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * Go's fmt package for template values: {@code Sprint}, {@code Sprintln} and {@code Sprintf}
 * (verbs v, s, q, d, b, o, O, x, X, c, U, t, e, E, f, F, g, G, T and %%, with the flags
 * {@code + - # 0 space}, width, precision, {@code *} and {@code [n]} argument indexes), and the
 * {@code %v} form in which templates print values: slices as {@code [a b]}, maps as
 * {@code map[k:v]} with sorted keys, structs as {@code {a b}}, nil as {@code <nil>}, and a
 * type's String method wherever fmt would call it. Mistakes print as Go prints them:
 * {@code %!d(string=x)}, {@code %!d(MISSING)}, {@code %!(EXTRA int=1)}.
 */
final class GoFmt {

    private GoFmt() {
    }

    /** fmt.Sprint: a space between operands when neither is a string. */
    static String sprint(List<Object> args) {
        StringBuilder out = new StringBuilder();
        boolean prevString = false;
        for (int i = 0; i < args.size(); i++) {
            Object arg = args.get(i);
            boolean isString = arg instanceof String;
            if (i > 0 && !isString && !prevString) {
                out.append(' ');
            }
            printArg(out, arg, 'v', new Flags(), 0);
            prevString = isString;
        }
        return out.toString();
    }

    /** fmt.Sprintln: spaces between all operands and a final newline. */
    static String sprintln(List<Object> args) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                out.append(' ');
            }
            printArg(out, args.get(i), 'v', new Flags(), 0);
        }
        return out.append('\n').toString();
    }

    /** The %v form of one value. */
    static String value(Object value) {
        StringBuilder out = new StringBuilder();
        printArg(out, value, 'v', new Flags(), 0);
        return out.toString();
    }

    static String sprintf(String format, List<Object> args) {
        StringBuilder out = new StringBuilder();
        int argNum = 0;
        boolean reordered = false;
        int end = format.length();
        int i = 0;
        while (i < end) {
            int lasti = i;
            while (i < end && format.charAt(i) != '%') {
                i++;
            }
            out.append(format, lasti, i);
            if (i >= end) {
                break;
            }
            i++; // skip %
            Flags f = new Flags();
            flags:
            while (i < end) {
                switch (format.charAt(i)) {
                    case '#' -> f.sharp = true;
                    case '0' -> f.zero = true;
                    case '+' -> f.plus = true;
                    case '-' -> f.minus = true;
                    case ' ' -> f.space = true;
                    default -> {
                        break flags;
                    }
                }
                i++;
            }
            // Argument index, then width.
            int[] idx = argIndex(format, i, argNum, args.size());
            if (idx != null) {
                i = idx[0];
                argNum = idx[1];
                reordered = true;
                if (idx[2] == 0) {
                    out.append("%!(BADINDEX)");
                    continue;
                }
            }
            if (i < end && format.charAt(i) == '*') {
                i++;
                Integer w = intArg(args, argNum);
                argNum++;
                if (w == null) {
                    out.append("%!(BADWIDTH)");
                } else {
                    f.wid = w;
                    f.widPresent = true;
                    if (w < 0) {
                        f.minus = true;
                        f.wid = -w;
                    }
                }
            } else {
                int start = i;
                while (i < end && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    f.wid = Integer.parseInt(format.substring(start, Math.min(i, start + 9)));
                    f.widPresent = true;
                }
            }
            if (i + 1 <= end && i < end && format.charAt(i) == '.') {
                i++;
                idx = argIndex(format, i, argNum, args.size());
                if (idx != null) {
                    i = idx[0];
                    argNum = idx[1];
                    reordered = true;
                }
                if (i < end && format.charAt(i) == '*') {
                    i++;
                    Integer p = intArg(args, argNum);
                    argNum++;
                    if (p == null || p < 0) {
                        out.append("%!(BADPREC)");
                    } else {
                        f.prec = p;
                        f.precPresent = true;
                    }
                } else {
                    int start = i;
                    while (i < end && Character.isDigit(format.charAt(i))) {
                        i++;
                    }
                    f.prec = i > start ? Integer.parseInt(format.substring(start, Math.min(i, start + 9))) : 0;
                    f.precPresent = true;
                }
            }
            idx = argIndex(format, i, argNum, args.size());
            if (idx != null) {
                i = idx[0];
                argNum = idx[1];
                reordered = true;
            }
            if (i >= end) {
                out.append("%!(NOVERB)");
                break;
            }
            int verb = format.codePointAt(i);
            i += Character.charCount(verb);
            if (f.minus) {
                f.zero = false;
            }
            if (verb == '%') {
                out.append('%');
            } else if (argNum >= args.size()) {
                out.append("%!").appendCodePoint(verb).append("(MISSING)");
            } else {
                printArg(out, args.get(argNum), verb, f, 0);
                argNum++;
            }
        }
        if (!reordered && argNum < args.size()) {
            out.append("%!(EXTRA ");
            for (int k = argNum; k < args.size(); k++) {
                if (k > argNum) {
                    out.append(", ");
                }
                Object arg = args.get(k);
                if (arg == null) {
                    out.append("<nil>");
                } else {
                    out.append(GoValues.typeName(arg)).append('=');
                    printArg(out, arg, 'v', new Flags(), 0);
                }
            }
            out.append(')');
        }
        return out.toString();
    }

    /** Parses {@code [n]} at i: returns {new i, new argNum, ok (1/0)}, or null when there is none. */
    private static int[] argIndex(String format, int i, int argNum, int numArgs) {
        if (i >= format.length() || format.charAt(i) != '[') {
            return null;
        }
        int close = format.indexOf(']', i);
        if (close < 0) {
            return new int[] {format.length(), argNum, 0};
        }
        try {
            int n = Integer.parseInt(format.substring(i + 1, close));
            if (n < 1 || n > numArgs) {
                return new int[] {close + 1, argNum, 0};
            }
            return new int[] {close + 1, n - 1, 1};
        } catch (NumberFormatException e) {
            return new int[] {close + 1, argNum, 0};
        }
    }

    private static Integer intArg(List<Object> args, int argNum) {
        if (argNum < args.size() && args.get(argNum) instanceof Long l && Math.abs(l) < 1_000_000) {
            return l.intValue();
        }
        return null;
    }

    /** The flags, width and precision of one verb. */
    private static final class Flags {
        boolean plus;
        boolean minus;
        boolean sharp;
        boolean space;
        boolean zero;
        boolean widPresent;
        boolean precPresent;
        int wid;
        int prec;
    }

    private static void printArg(StringBuilder out, Object arg, int verb, Flags f, int depth) {
        if (arg == null) {
            if (verb == 'T' || verb == 'v') {
                pad(out, "<nil>", f, false);
            } else {
                badVerb(out, null, verb);
            }
            return;
        }
        if (verb == 'T') {
            pad(out, GoValues.typeName(arg), f, false);
            return;
        }
        Function<Object, String> stringer = GoValues.stringer(arg);
        if (stringer != null && (verb == 'v' || verb == 's' || verb == 'x' || verb == 'X' || verb == 'q')) {
            formatString(out, stringer.apply(arg), verb, f);
            return;
        }
        switch (arg) {
            case Boolean b -> {
                if (verb == 't' || verb == 'v') {
                    pad(out, b.toString(), f, false);
                } else {
                    badVerb(out, arg, verb);
                }
            }
            case Long l -> formatInteger(out, l, verb, f, arg);
            case Double d -> formatFloat(out, d, verb, f, arg);
            case String s -> formatString(out, s, verb, f);
            case GoBytes b -> formatBytes(out, b, verb, f, depth);
            case GoSlice s -> {
                out.append('[');
                for (int k = 0; k < s.length(); k++) {
                    if (k > 0) {
                        out.append(' ');
                    }
                    printArg(out, s.items().get(k), verb, f, depth + 1);
                }
                out.append(']');
            }
            case GoMap m -> {
                out.append("map[");
                boolean first = true;
                for (String key : m.keys()) {
                    if (!first) {
                        out.append(' ');
                    }
                    first = false;
                    printArg(out, key, verb, f, depth + 1);
                    out.append(':');
                    printArg(out, m.entries().get(key), verb, f, depth + 1);
                }
                out.append(']');
            }
            case GoStruct s -> {
                out.append('{');
                for (int k = 0; k < s.values().size(); k++) {
                    if (k > 0) {
                        out.append(' ');
                    }
                    if (f.plus && verb == 'v') {
                        out.append(s.structType().fields().get(k).name()).append(':');
                    }
                    printArg(out, s.values().get(k), verb, f, depth + 1);
                }
                out.append('}');
            }
            default -> badVerb(out, arg, verb);
        }
    }

    private static void badVerb(StringBuilder out, Object arg, int verb) {
        out.append("%!").appendCodePoint(verb).append('(');
        if (arg == null) {
            out.append("<nil>");
        } else {
            out.append(GoValues.typeName(arg)).append('=');
            printArg(out, arg, 'v', new Flags(), 0);
        }
        out.append(')');
    }

    /** Pads to the width: spaces on the left (or right with '-'), zeros on the left with '0' where allowed (Go pads strings with zeros too). */
    private static void pad(StringBuilder out, String s, Flags f, boolean allowZero) {
        int n = s.codePointCount(0, s.length());
        if (!f.widPresent || n >= f.wid) {
            out.append(s);
            return;
        }
        String padding = (f.zero && !f.minus && allowZero ? "0" : " ").repeat(f.wid - n);
        if (f.minus) {
            out.append(s).append(padding);
        } else {
            out.append(padding).append(s);
        }
    }

    private static void formatString(StringBuilder out, String s, int verb, Flags f) {
        switch (verb) {
            case 'v', 's' -> pad(out, truncate(s, f), f, true);
            case 'q' -> {
                String t = truncate(s, f);
                if (f.sharp && GoQuote.canBackquote(t)) {
                    pad(out, "`" + t + "`", f, true);
                } else {
                    pad(out, GoQuote.quote(t, f.plus), f, true);
                }
            }
            case 'x', 'X' -> pad(out, hexBytes(truncate(s, f).getBytes(StandardCharsets.UTF_8), verb, f), f, true);
            default -> badVerb(out, s, verb);
        }
    }

    private static String truncate(String s, Flags f) {
        if (f.precPresent && s.codePointCount(0, s.length()) > f.prec) {
            return s.substring(0, s.offsetByCodePoints(0, f.prec));
        }
        return s;
    }

    private static String hexBytes(byte[] bytes, int verb, Flags f) {
        String digits = verb == 'x' ? "0123456789abcdef" : "0123456789ABCDEF";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bytes.length; i++) {
            if (f.space && i > 0) {
                sb.append(' ');
            }
            if (f.sharp && (f.space || i == 0)) {
                sb.append(verb == 'x' ? "0x" : "0X");
            }
            sb.append(digits.charAt(bytes[i] >> 4 & 0xF)).append(digits.charAt(bytes[i] & 0xF));
        }
        return sb.toString();
    }

    private static void formatBytes(StringBuilder out, GoBytes b, int verb, Flags f, int depth) {
        byte[] bytes = b.bytes() == null ? new byte[0] : b.bytes();
        switch (verb) {
            case 's', 'q', 'x', 'X' -> formatString(out, new String(bytes, StandardCharsets.UTF_8), verb, f);
            default -> {
                out.append('[');
                for (int i = 0; i < bytes.length; i++) {
                    if (i > 0) {
                        out.append(' ');
                    }
                    formatInteger(out, (long) (bytes[i] & 0xFF), verb == 'v' ? 'd' : verb, f, (long) (bytes[i] & 0xFF));
                }
                out.append(']');
            }
        }
    }

    private static void formatInteger(StringBuilder out, long value, int verb, Flags f, Object arg) {
        switch (verb) {
            case 'v', 'd' -> integer(out, value, 10, false, f, "");
            case 'b' -> integer(out, value, 2, false, f, f.sharp ? "0b" : "");
            case 'o' -> integer(out, value, 8, false, f, f.sharp ? "0" : "");
            case 'O' -> integer(out, value, 8, false, f, "0o");
            case 'x' -> integer(out, value, 16, false, f, f.sharp ? "0x" : "");
            case 'X' -> integer(out, value, 16, true, f, f.sharp ? "0X" : "");
            case 'c' -> pad(out, runeString(value), f, false);
            case 'q' -> pad(out, GoQuote.quoteRune(value, f.plus), f, false);
            case 'U' -> {
                String hex = Long.toHexString(value).toUpperCase();
                StringBuilder u = new StringBuilder("U+").append("0".repeat(Math.max(0, 4 - hex.length()))).append(hex);
                if (f.sharp && value >= 0 && value <= Character.MAX_CODE_POINT && Character.isValidCodePoint((int) value)) {
                    u.append(" '").append(runeString(value)).append('\'');
                }
                pad(out, u.toString(), f, false);
            }
            default -> badVerb(out, arg, verb);
        }
    }

    private static String runeString(long value) {
        if (value < 0 || value > Character.MAX_CODE_POINT || (value >= 0xD800 && value <= 0xDFFF)) {
            return "\uFFFD";
        }
        return new String(Character.toChars((int) value));
    }

    private static void integer(StringBuilder out, long value, int base, boolean upper, Flags f, String prefix) {
        boolean negative = value < 0;
        String digits = Long.toString(value, base).replace("-", "");
        if (upper) {
            digits = digits.toUpperCase();
        }
        if (f.precPresent) {
            if (f.prec == 0 && value == 0) {
                digits = "";
            } else if (digits.length() < f.prec) {
                digits = "0".repeat(f.prec - digits.length()) + digits;
            }
        } else if (f.zero && !f.minus && f.widPresent) {
            int room = f.wid - prefix.length() - (negative || f.plus || f.space ? 1 : 0);
            if (digits.length() < room) {
                digits = "0".repeat(room - digits.length()) + digits;
            }
        }
        String sign = negative ? "-" : f.plus ? "+" : f.space ? " " : "";
        Flags spaces = copyWithoutZero(f);
        pad(out, sign + prefix + digits, spaces, false);
    }

    private static Flags copyWithoutZero(Flags f) {
        Flags g = new Flags();
        g.minus = f.minus;
        g.widPresent = f.widPresent;
        g.wid = f.wid;
        return g;
    }

    private static void formatFloat(StringBuilder out, double value, int verb, Flags f, Object arg) {
        String num;
        switch (verb) {
            case 'v' -> num = GoFloat.format(value, 'g', f.precPresent ? f.prec : -1);
            case 'g', 'G' -> num = GoFloat.format(value, (char) verb, f.precPresent ? f.prec : -1);
            case 'e', 'E' -> num = GoFloat.format(value, (char) verb, f.precPresent ? f.prec : 6);
            case 'f', 'F' -> num = GoFloat.format(value, 'f', f.precPresent ? f.prec : 6);
            default -> {
                badVerb(out, arg, verb);
                return;
            }
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            if (Double.isNaN(value) && (f.plus || f.space)) {
                num = (f.plus ? "+" : " ") + num;
            }
            pad(out, num, copyWithoutZero(f), false);
            return;
        }
        String sign = "";
        if (num.startsWith("-")) {
            sign = "-";
            num = num.substring(1);
        } else if (f.plus) {
            sign = "+";
        } else if (f.space) {
            sign = " ";
        }
        if (f.zero && !f.minus && f.widPresent && sign.length() + num.length() < f.wid) {
            num = "0".repeat(f.wid - sign.length() - num.length()) + num;
        }
        pad(out, sign + num, copyWithoutZero(f), false);
    }
}
