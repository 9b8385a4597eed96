package jollama.server.http;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times as Go's {@code time.Time} marshals them (RFC 3339 with up to nine fraction digits,
 * trailing zeros dropped): inference responses in UTC with {@code Z}
 * ({@code 2024-07-22T20:47:51.147561Z}), file and expiry times in the server's zone with its
 * offset ({@code 2025-05-10T08:06:48.639712648-07:00}).
 */
public final class Timestamps {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private Timestamps() {
    }

    /** {@code created_at}: UTC. */
    public static String utc(Instant t) {
        return format(t.atOffset(ZoneOffset.UTC));
    }

    /** {@code modified_at}, {@code expires_at}: the given zone (the server's). */
    public static String local(Instant t, ZoneId zone) {
        return format(t.atZone(zone).toOffsetDateTime());
    }

    static String format(OffsetDateTime t) {
        StringBuilder sb = new StringBuilder(SECONDS.format(t));
        int nanos = t.getNano();
        if (nanos != 0) {
            String f = String.format("%09d", nanos);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(f, 0, end);
        }
        ZoneOffset offset = t.getOffset();
        sb.append(offset.getTotalSeconds() == 0 ? "Z" : offset.getId());
        return sb.toString();
    }
}
