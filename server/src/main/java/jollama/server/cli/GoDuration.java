package jollama.server.cli;

/**
 * Durations written as Go's {@code time.Duration.String()} writes them ("1.234567891s",
 * "12.5ms", "1m2.5s", "0s"), because Ollama's {@code --verbose} block prints them that way and
 * scripts parse it.
 */
final class GoDuration {

    private static final long MICRO = 1_000;
    private static final long MILLI = 1_000_000;
    private static final long SECOND = 1_000_000_000;

    private GoDuration() {
    }

    static String format(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long u = Math.abs(nanos);
        if (u < SECOND) {
            if (u < MICRO) {
                return sign + u + "ns";
            }
            if (u < MILLI) {
                return sign + withFraction(u, 3) + "µs";
            }
            return sign + withFraction(u, 6) + "ms";
        }
        StringBuilder sb = new StringBuilder(sign);
        long seconds = u / SECOND;
        long hours = seconds / 3600;
        long minutes = seconds / 60 % 60;
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            sb.append(minutes).append('m');
        }
        sb.append(withFraction(seconds % 60 * SECOND + u % SECOND, 9)).append('s');
        return sb.toString();
    }

    /** {@code v / 10^digits} with the fraction's trailing zeros (and a bare point) left out. */
    private static String withFraction(long v, int digits) {
        long scale = (long) Math.pow(10, digits);
        long whole = v / scale;
        long fraction = v % scale;
        if (fraction == 0) {
            return Long.toString(whole);
        }
        String f = String.format("%0" + digits + "d", fraction).replaceFirst("0+$", "");
        return whole + "." + f;
    }
}
