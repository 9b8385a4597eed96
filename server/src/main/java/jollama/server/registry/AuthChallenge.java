package jollama.server.registry;

import java.util.HashMap;
import java.util.Map;

/**
 * A {@code WWW-Authenticate: Bearer realm="…",service="…",scope="…"} challenge.
 */
record AuthChallenge(String realm, String service, String scope) {

    static AuthChallenge parse(String header) {
        String text = header == null ? "" : header.strip();
        if (text.regionMatches(true, 0, "Bearer ", 0, 7)) {
            text = text.substring(7);
        }
        Map<String, String> values = new HashMap<>();
        int i = 0;
        while (i < text.length()) {
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = text.substring(i, eq).strip().toLowerCase(java.util.Locale.ROOT);
            int start = eq + 1;
            String value;
            int next;
            if (start < text.length() && text.charAt(start) == '"') {
                int close = text.indexOf('"', start + 1);
                if (close < 0) {
                    close = text.length();
                }
                value = text.substring(start + 1, close);
                next = text.indexOf(',', close);
            } else {
                int comma = text.indexOf(',', start);
                value = text.substring(start, comma < 0 ? text.length() : comma).strip();
                next = comma;
            }
            values.put(key, value);
            if (next < 0) {
                break;
            }
            i = next + 1;
        }
        return new AuthChallenge(values.getOrDefault("realm", ""), values.getOrDefault("service", ""),
                values.getOrDefault("scope", ""));
    }
}
