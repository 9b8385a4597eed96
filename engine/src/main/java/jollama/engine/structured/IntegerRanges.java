package jollama.engine.structured;

import java.util.ArrayList;
import java.util.List;

/**
 * Decimal integers between two bounds as an automaton, digit by digit: for each length, the
 * numbers from {@code x} to {@code y} are those that share the common prefix, then either start
 * with {@code x}'s digit and continue at least as large as the rest of {@code x}, or start with
 * {@code y}'s digit and continue at most as large as the rest of {@code y}, or start with a digit
 * strictly between and continue freely.
 */
final class IntegerRanges {

    /** The largest magnitude written: {@link JsonSyntax#MAX_INTEGER_DIGITS} digits. */
    static final long LIMIT = 9_999_999_999_999_999L;

    private final JsonSyntax s;

    IntegerRanges(JsonSyntax syntax) {
        this.s = syntax;
    }

    /** Integers {@code lo <= n <= hi}, both within ±{@link #LIMIT}, {@code lo <= hi}. */
    Fragment range(long lo, long hi) {
        List<Fragment> parts = new ArrayList<>();
        if (lo <= 0 && hi >= 0) {
            parts.add(s.literal("0"));
        }
        if (hi >= 1) {
            parts.add(positive(Math.max(lo, 1), hi));
        }
        if (lo <= -1) {
            parts.add(s.seq(s.literal("-"), positive(Math.max(-hi, 1), -lo)));
        }
        return s.alt(parts);
    }

    /** {@code 1 <= a <= n <= b}. */
    private Fragment positive(long a, long b) {
        List<Fragment> parts = new ArrayList<>();
        int from = Long.toString(a).length();
        int to = Long.toString(b).length();
        for (int length = from; length <= to; length++) {
            long smallest = length == 1 ? 1 : pow10(length - 1);
            long largest = pow10(length) - 1;
            parts.add(sameLength(Long.toString(Math.max(a, smallest)), Long.toString(Math.min(b, largest))));
        }
        return s.alt(parts);
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    /** Digit strings of one length from {@code x} to {@code y}. */
    private Fragment sameLength(String x, String y) {
        if (x.isEmpty()) {
            return s.empty();
        }
        char a = x.charAt(0);
        char b = y.charAt(0);
        if (a == b) {
            return s.seq(s.literal(String.valueOf(a)), sameLength(x.substring(1), y.substring(1)));
        }
        List<Fragment> parts = new ArrayList<>();
        parts.add(s.seq(s.literal(String.valueOf(a)), atLeast(x.substring(1))));
        if (b - a > 1) {
            parts.add(s.seq(s.bytes(a + 1, b - 1), s.digits(x.length() - 1, x.length() - 1)));
        }
        parts.add(s.seq(s.literal(String.valueOf(b)), atMost(y.substring(1))));
        return s.alt(parts);
    }

    private Fragment atLeast(String x) {
        if (x.isEmpty()) {
            return s.empty();
        }
        char a = x.charAt(0);
        List<Fragment> parts = new ArrayList<>();
        parts.add(s.seq(s.literal(String.valueOf(a)), atLeast(x.substring(1))));
        if (a < '9') {
            parts.add(s.seq(s.bytes(a + 1, '9'), s.digits(x.length() - 1, x.length() - 1)));
        }
        return s.alt(parts);
    }

    private Fragment atMost(String y) {
        if (y.isEmpty()) {
            return s.empty();
        }
        char b = y.charAt(0);
        List<Fragment> parts = new ArrayList<>();
        parts.add(s.seq(s.literal(String.valueOf(b)), atMost(y.substring(1))));
        if (b > '0') {
            parts.add(s.seq(s.bytes('0', b - 1), s.digits(y.length() - 1, y.length() - 1)));
        }
        return s.alt(parts);
    }
}
