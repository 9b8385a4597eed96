package jollama.server.http.manage;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON written byte for byte as Ollama's Go encoder writes the blobs of {@code create} (params,
 * messages, config), so that the same Modelfile gives the same layer digests under both servers:
 * compact, a line end after the value ({@code json.Encoder.Encode}), map keys sorted, struct
 * fields in declaration order, {@code <>&} escaped, numbers in Go's float64 notation.
 */
final class GoJson {

    /** A Go struct: its fields in declaration order (a plain {@link Map} is a Go map, keys sorted). */
    record Struct(Map<String, Object> fields) {
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoJson() {
    }

    /** The value and a line end, UTF-8, as {@code json.NewEncoder(w).Encode(v)} writes it. */
    static byte[] encodeLine(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        sb.append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static void write(StringBuilder sb, Object value) {
        switch (value) {
            case null -> sb.append("null");
            case String s -> string(sb, s);
            case Boolean b -> sb.append(b);
            case Integer i -> sb.append(i);
            case Long l -> sb.append(l);
            case Short s -> sb.append(s);
            case Byte b -> sb.append(b);
            case BigInteger b -> sb.append(b);
            case Number n -> sb.append(float64(n.doubleValue()));
            case Struct s -> object(sb, s.fields());
            case Map<?, ?> m -> {
                Map<String, Object> sorted = new TreeMap<>();
                m.forEach((k, v) -> sorted.put(String.valueOf(k), v));
                object(sb, sorted);
            }
            case List<?> list -> {
                sb.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    write(sb, list.get(i));
                }
                sb.append(']');
            }
            default -> throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }

    private static void object(StringBuilder sb, Map<String, Object> fields) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            string(sb, e.getKey());
            sb.append(':');
            write(sb, e.getValue());
        }
        sb.append('}');
    }

    /** encoding/json's string escaping with HTML escaping on (the default). */
    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(sb, c);
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(sb, c);
                    } else if (Character.isSurrogate(c)) {
                        // a pair is copied whole; a lone half is invalid UTF-8 to Go: U+FFFD
                        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                            sb.append(c).append(s.charAt(++i));
                        } else {
                            sb.append("\\ufffd");
                        }
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static void unicodeEscape(StringBuilder sb, char c) {
        sb.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
    }

    /**
     * A float64 as encoding/json writes it: the shortest digits that read back the same, plain
     * notation from 1e-6 up to 1e21, else exponent notation with at least one exponent digit.
     */
    static String float64(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("json: unsupported value: " + d);
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros(); // shortest round-trip digits
        double abs = Math.abs(d);
        if (abs >= 1e-6 && abs < 1e21) {
            return exact.toPlainString();
        }
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        StringBuilder sb = new StringBuilder();
        if (d < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exponent < 0 ? '-' : '+');
        // only |x| >= 1e21 or < 1e-6 get here, so the exponent has two digits or more, except
        // e-7 to e-9, which Go writes e-07 and encoding/json shortens to e-7
        sb.append(Math.abs(exponent));
        return sb.toString();
    }
}
