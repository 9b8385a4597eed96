package jollama.engine.parse;

/**
 * Finds brace- or bracket-balanced spans in model output. Text between double quotes is skipped as a JSON
 * string (with backslash escapes), so a brace inside {@code "..."} does not count.
 */
final class BalancedJson {

    /** Decides whether the balanced span {@code [start, end)} is the one wanted. */
    @FunctionalInterface
    interface SpanTest {
        boolean accept(int start, int end);
    }

    private BalancedJson() {
    }

    /**
     * Offers each outermost {@code {...}} span of {@code s}, in order, to {@code test}, and returns the end
     * (exclusive) of the first one accepted, or -1. A rejected span is skipped and scanning goes on after it.
     */
    static int firstObject(CharSequence s, SpanTest test) {
        int depth = 0;
        int start = -1;
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                if (depth == 0) {
                    start = i;
                }
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
                if (depth == 0) {
                    if (test.accept(start, i + 1)) {
                        return i + 1;
                    }
                    start = -1;
                }
            }
        }
        return -1;
    }

    /**
     * True when, counting {@code open} as +1 and {@code close} as -1 from the start of {@code s}, some
     * closer brings the count back to exactly 0, i.e. a leading group has closed.
     */
    static boolean groupCloses(CharSequence s, char open, char close) {
        int count = 0;
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == open) {
                count++;
            } else if (c == close) {
                count--;
                if (count == 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
