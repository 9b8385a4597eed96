package jollama.server.http.sched;

import java.time.Duration;

/**
 * How long a model stays loaded after its last request (Ollama's {@code keep_alive}). Negative
 * values mean forever; Go stores that as the largest duration, so {@code /api/ps} shows an
 * expiry about 292 years ahead, and so does this.
 */
public record KeepAlive(Duration duration) {

    /** Go's {@code time.Duration(math.MaxInt64)}. */
    public static final KeepAlive FOREVER = new KeepAlive(Duration.ofNanos(Long.MAX_VALUE));
    public static final KeepAlive ZERO = new KeepAlive(Duration.ZERO);
    public static final KeepAlive DEFAULT = new KeepAlive(Duration.ofMinutes(5));

    public KeepAlive {
        java.util.Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            duration = Duration.ofNanos(Long.MAX_VALUE);
        }
    }

    public static KeepAlive of(Duration d) {
        return new KeepAlive(d);
    }

    /** A JSON number of seconds (fractions allowed); negative means forever. */
    public static KeepAlive ofSeconds(double seconds) {
        if (seconds < 0) {
            return FOREVER;
        }
        double nanos = seconds * 1e9;
        return new KeepAlive(Duration.ofNanos(nanos >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) nanos));
    }

    /**
     * A Go duration string ({@code "5m"}, {@code "1h30m"}, {@code "-1m"}); negative means forever.
     *
     * @throws IllegalArgumentException with Go's message ({@code time: missing unit in duration "3600"})
     */
    public static KeepAlive parse(String text) {
        long nanos = GoDurations.parse(text);
        return nanos < 0 ? FOREVER : new KeepAlive(Duration.ofNanos(nanos));
    }

    /**
     * {@code OLLAMA_KEEP_ALIVE}: a Go duration, else whole seconds, else the default 5m;
     * negative means forever.
     */
    public static KeepAlive fromEnvironment(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT;
        }
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            try {
                long seconds = Long.parseLong(value);
                return seconds < 0 ? FOREVER : new KeepAlive(Duration.ofSeconds(seconds));
            } catch (NumberFormatException | ArithmeticException notSeconds) {
                return DEFAULT;
            }
        }
    }

    public boolean isForever() {
        return duration.toNanos() == Long.MAX_VALUE;
    }

    public boolean isZero() {
        return duration.isZero();
    }
}
