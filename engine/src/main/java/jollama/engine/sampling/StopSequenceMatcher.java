package jollama.engine.sampling;

import java.util.ArrayList;
import java.util.List;

/**
 * Streaming detection of stop strings in generated text. Text that might be the start of a stop
 * string is held back until the following pieces either complete the stop (then it is dropped
 * and generation ends) or rule it out (then it is released). Only the shortest necessary tail is
 * held, so ordinary text streams without delay.
 *
 * <p>When several stop strings have completed in the pending text, the one starting earliest
 * wins. A stop string is recognised as soon as it completes; a longer stop string that started
 * earlier but would need more pieces is not waited for. Empty stop strings are ignored.
 *
 * <p>Works on UTF-16 text: a trailing lone high surrogate is also held back so that a code point
 * split across two pieces is never emitted in halves. One instance per generation; not
 * thread-safe.
 */
public final class StopSequenceMatcher {
    private final List<String> stops;
    private final int longestStop;
    private final StringBuilder pending = new StringBuilder();
    private boolean stopped;

    public StopSequenceMatcher(List<String> stops) {
        List<String> nonEmpty = new ArrayList<>();
        int longest = 0;
        for (String s : stops) {
            if (!s.isEmpty()) {
                nonEmpty.add(s);
                longest = Math.max(longest, s.length());
            }
        }
        this.stops = List.copyOf(nonEmpty);
        this.longestStop = longest;
    }

    /** Adds one decoded piece and returns what may be emitted for it. */
    public StopEmission accept(String piece) {
        if (stopped) {
            throw new IllegalStateException("a stop sequence already ended this generation");
        }
        pending.append(piece);
        int stopAt = -1;
        String stop = null;
        for (String s : stops) {
            int at = pending.indexOf(s);
            if (at >= 0 && (stopAt < 0 || at < stopAt)) {
                stopAt = at;
                stop = s;
            }
        }
        if (stop != null) {
            stopped = true;
            String before = pending.substring(0, stopAt);
            pending.setLength(0);
            return new StopEmission.Stopped(before, stop);
        }
        int holdFrom = holdBackStart();
        String release = pending.substring(0, holdFrom);
        pending.delete(0, holdFrom);
        return new StopEmission.Streaming(release);
    }

    /** At the end of generation: the held-back text, which no stop string can complete any more. */
    public String flush() {
        String rest = pending.toString();
        pending.setLength(0);
        return rest;
    }

    /** Whether a stop string has been seen. */
    public boolean stopped() {
        return stopped;
    }

    /**
     * Start of the longest tail of {@code pending} that is a proper prefix of some stop string
     * (such a tail is at most {@code longestStop - 1} chars), or the length when there is none.
     */
    private int holdBackStart() {
        int len = pending.length();
        for (int start = Math.max(0, len - longestStop + 1); start < len; start++) {
            for (String s : stops) {
                int tail = len - start;
                if (tail < s.length() && startsWithTail(s, start, tail)) {
                    return start;
                }
            }
        }
        if (len > 0 && Character.isHighSurrogate(pending.charAt(len - 1))) {
            return len - 1;
        }
        return len;
    }

    private boolean startsWithTail(String stop, int start, int tail) {
        for (int i = 0; i < tail; i++) {
            if (pending.charAt(start + i) != stop.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
