package jollama.server.http.sched;

/**
 * Go's {@code time.ParseDuration}: a signed sequence of decimal numbers, each with an optional
 * fraction and a unit ({@code ns us µs μs ms s m h}), such as {@code "300ms"}, {@code "-1.5h"} or
 * {@code "2h45m"}; {@code "0"} alone needs no unit. Error texts are Go's, because Ollama returns
 * them to the client as the 400 message.
 */
final class GoDurations {

    private GoDurations() {
    }

    /** The duration in nanoseconds. */
    static long parse(String original) {
        String s = original;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw invalid(original);
        }
        double total = 0;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                i++;
            }
            boolean hasInt = i > start;
            String whole = s.substring(start, i);
            String fraction = "";
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int fs = i;
                while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                    i++;
                }
                fraction = s.substring(fs, i);
            }
            if (!hasInt && fraction.isEmpty()) {
                throw invalid(original);
            }
            int us = i;
            while (i < s.length() && s.charAt(i) != '.' && !(Character.isDigit(s.charAt(i)) && s.charAt(i) < 128)) {
                i++;
            }
            String unit = s.substring(us, i);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("time: missing unit in duration " + quote(original));
            }
            double scale = switch (unit) {
                case "ns" -> 1;
                case "us", "µs", "μs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                case "h" -> 3600e9;
                default -> throw new IllegalArgumentException("time: unknown unit " + quote(unit)
                        + " in duration " + quote(original));
            };
            double value = Double.parseDouble((whole.isEmpty() ? "0" : whole) + (fraction.isEmpty() ? "" : "." + fraction));
            total += value * scale;
            if (total > Long.MAX_VALUE) {
                throw invalid(original);
            }
        }
        long nanos = (long) total;
        return negative ? -nanos : nanos;
    }

    private static IllegalArgumentException invalid(String original) {
        return new IllegalArgumentException("time: invalid duration " + quote(original));
    }

    /** Go's %q for the plain strings this sees. */
    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
