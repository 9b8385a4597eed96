package jollama.server.http;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Values printed as Go's fmt prints them, for the texts of {@code /api/show}: {@code %v} in the
 * Modelfile and {@code %#v} in {@code parameters} (strings quoted). JSON numbers are float64 in
 * Go, so 40 prints as {@code 40} and 1000000 as {@code 1e+06}.
 */
public final class GoText {

    private GoText() {
    }

    /** {@code %v}. */
    static String value(Object v) {
        return switch (v) {
            case null -> "<nil>";
            case String s -> s;
            case Number n -> number(n);
            case List<?> l -> {
                StringBuilder sb = new StringBuilder("[");
                for (int i = 0; i < l.size(); i++) {
                    sb.append(i == 0 ? "" : " ").append(value(l.get(i)));
                }
                yield sb.append(']').toString();
            }
            default -> v.toString();
        };
    }

    /** {@code %#v}: like {@link #value} but strings in Go quotes. */
    static String goSyntax(Object v) {
        return v instanceof String s ? quote(s) : value(v);
    }

    /** Go's {@code %g} with the shortest precision, for a float64. */
    static String number(Number n) {
        double d = n.doubleValue();
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String sign = d < 0 ? "-" : "";
        // strconv's 'g' with the shortest precision switches to %e when the exponent is < -4 or >= 6
        if (exponent < -4 || exponent >= 6) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String exp = String.format(Locale.ROOT, "%02d", Math.abs(exponent));
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
        }
        return sign + shortest.abs().toPlainString();
    }

    /** Go's strconv.Quote for ordinary text. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
