package jollama.engine.structured;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The integers a schema's {@code minimum}, {@code maximum}, {@code exclusiveMinimum} and
 * {@code exclusiveMaximum} allow (numbers in draft 6 and later, booleans beside minimum/maximum
 * in draft 4), within what {@link JsonSyntax} writes.
 *
 * @param lowestInteger  the smallest integer within the bounds
 * @param highestInteger the largest integer within the bounds
 */
record NumericBounds(long lowestInteger, long highestInteger) {

    /** The bounds of {@code s}, or null when it sets none. */
    static NumericBounds of(JsonNode s, String path) {
        long lo = -IntegerRanges.LIMIT;
        long hi = IntegerRanges.LIMIT;
        boolean bounded = false;
        for (String k : SchemaKeywords.NUMBER) {
            JsonNode v = s.get(k);
            if (v == null || v.isBoolean()) {
                continue; // draft-4 boolean exclusive* modify minimum/maximum, read below
            }
            if (!v.isNumber()) {
                throw new UnsupportedSchemaException("'" + k + "' at " + path + " must be a number");
            }
            bounded = true;
            double x = v.doubleValue();
            switch (k) {
                case "minimum" -> lo = Math.max(lo, s.path("exclusiveMinimum").asBoolean(false)
                        ? clamp(Math.floor(x) + 1) : clamp(Math.ceil(x)));
                case "exclusiveMinimum" -> lo = Math.max(lo, clamp(Math.floor(x) + 1));
                case "maximum" -> hi = Math.min(hi, s.path("exclusiveMaximum").asBoolean(false)
                        ? clamp(Math.ceil(x) - 1) : clamp(Math.floor(x)));
                case "exclusiveMaximum" -> hi = Math.min(hi, clamp(Math.ceil(x) - 1));
                default -> throw new IllegalStateException(k);
            }
        }
        return bounded ? new NumericBounds(lo, hi) : null;
    }

    /** Bounds beyond the digits written are as good as none (and keep the arithmetic in range). */
    private static long clamp(double v) {
        return (long) Math.max(-IntegerRanges.LIMIT - 1, Math.min(IntegerRanges.LIMIT + 1, v));
    }
}
