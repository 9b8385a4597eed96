package jollama.server.cli;

import java.time.Duration;
import java.time.Instant;

/**
 * Times as Ollama's {@code format.HumanTime} words them for {@code list} and {@code ps}:
 * "2 days ago", "4 minutes from now", "About an hour ago", "Forever" for a time more than 20
 * years ahead (a model kept loaded for good).
 */
final class HumanTime {

    private HumanTime() {
    }

    /**
     * @param zeroValue what a missing time (null or the epoch of Go's zero time) reads as, e.g. "Never"
     */
    static String format(Instant time, Instant now, String zeroValue) {
        if (time == null || time.getEpochSecond() <= -62135596800L) { // Go's zero time, 0001-01-01
            return zeroValue;
        }
        Duration delta = Duration.between(time, now);
        if (delta.toHours() / 24 / 365 < -20) {
            return "Forever";
        }
        if (delta.isNegative()) {
            return duration(delta.negated()) + " from now";
        }
        return duration(delta) + " ago";
    }

    /** format.humanDuration: whole seconds and minutes cut down, hours rounded. */
    static String duration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 1) {
            return "Less than a second";
        }
        if (seconds == 1) {
            return "1 second";
        }
        if (seconds < 60) {
            return seconds + " seconds";
        }
        long minutes = d.toMinutes();
        if (minutes == 1) {
            return "About a minute";
        }
        if (minutes < 60) {
            return minutes + " minutes";
        }
        long hours = Math.round(d.toNanos() / 3.6e12);
        if (hours == 1) {
            return "About an hour";
        }
        if (hours < 48) {
            return hours + " hours";
        }
        if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        }
        if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        }
        if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        return hours / 24 / 365 + " years";
    }
}
