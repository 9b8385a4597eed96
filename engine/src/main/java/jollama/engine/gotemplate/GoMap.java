package jollama.engine.gotemplate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Go map with string keys. Go visits map keys in sorted order wherever templates can see them
 * ({@code range}, printing, {@code json}), so the insertion order of {@code entries} is ignored
 * unless {@code keepsOrder} is set: that models Ollama's own ordered maps (nested tool
 * properties), which marshal in insertion order.
 *
 * @param entries     the entries, or null for a nil map
 * @param zeroElement the zero value of the element type, returned for a missing key
 *                    (Ollama executes with {@code missingkey=zero}); null for interface elements
 */
record GoMap(GoType type, Map<String, Object> entries, boolean keepsOrder, Object zeroElement) {

    GoMap {
        entries = entries == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    static GoMap of(GoType type, Map<String, Object> entries) {
        return new GoMap(type, entries, false, null);
    }

    boolean isNil() {
        return entries == null;
    }

    int length() {
        return entries == null ? 0 : entries.size();
    }

    boolean containsKey(String key) {
        return entries != null && entries.containsKey(key);
    }

    Object get(String key) {
        return entries == null || !entries.containsKey(key) ? zeroElement : entries.get(key);
    }

    /** Keys in the order Go visits them. */
    List<String> keys() {
        if (entries == null) {
            return List.of();
        }
        List<String> keys = new ArrayList<>(entries.keySet());
        if (!keepsOrder) {
            keys.sort(GoMap::compareGoStrings);
        }
        return keys;
    }

    /** Go compares strings bytewise in UTF-8, which is code point order (not UTF-16 order). */
    static int compareGoStrings(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
