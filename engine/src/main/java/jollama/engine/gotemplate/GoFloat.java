package jollama.engine.gotemplate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's {@code strconv.FormatFloat(f, fmt, prec, 64)} for the formats 'e', 'E', 'f', 'g' and
 * 'G', and encoding/json's float encoding. Precision -1 means the shortest decimal that reads
 * back as the same double; Java's {@code Double.toString} finds the same digits. A fixed
 * precision rounds the exact binary value half to even, as Go does.
 */
final class GoFloat {

    private GoFloat() {
    }

    /** Decimal digits without trailing zeros and the position of the decimal point (value = 0.d1d2... x 10^dp). */
    private record Digits(String d, int dp) {

        int nd() {
            return d.length();
        }

        char at(int i) {
            return i >= 0 && i < d.length() ? d.charAt(i) : '0';
        }

        static Digits of(BigDecimal value) {
            if (value.signum() == 0) {
                return new Digits("", 0);
            }
            BigDecimal stripped = value.stripTrailingZeros();
            String digits = stripped.unscaledValue().toString();
            return new Digits(digits, digits.length() - stripped.scale());
        }
    }

    static String format(double f, char fmt, int prec) {
        if (Double.isNaN(f)) {
            return "NaN";
        }
        if (Double.isInfinite(f)) {
            return f > 0 ? "+Inf" : "-Inf";
        }
        boolean neg = Double.doubleToRawLongBits(f) < 0;
        double abs = Math.abs(f);
        boolean shortest = prec < 0;
        Digits digs;
        if (shortest) {
            digs = Digits.of(new BigDecimal(Double.toString(abs)));
            prec = switch (fmt) {
                case 'e', 'E' -> Math.max(digs.nd() - 1, 0);
                case 'f' -> Math.max(digs.nd() - digs.dp(), 0);
                default -> digs.nd();
            };
        } else {
            BigDecimal exact = new BigDecimal(abs);
            digs = switch (fmt) {
                case 'e', 'E' -> Digits.of(exact.round(new MathContext(prec + 1, RoundingMode.HALF_EVEN)));
                case 'f' -> Digits.of(exact.setScale(prec, RoundingMode.HALF_EVEN));
                default -> {
                    if (prec == 0) {
                        prec = 1;
                    }
                    yield Digits.of(exact.round(new MathContext(prec, RoundingMode.HALF_EVEN)));
                }
            };
        }
        StringBuilder out = new StringBuilder();
        if (neg) {
            out.append('-');
        }
        switch (fmt) {
            case 'e', 'E' -> formatE(out, digs, prec, fmt);
            case 'f' -> formatF(out, digs, prec);
            case 'g', 'G' -> {
                int eprec = prec;
                if (eprec > digs.nd() && digs.nd() >= digs.dp()) {
                    eprec = digs.nd();
                }
                // Shortest output switches to an exponent from 1e+06 on, whatever the digit count.
                if (shortest) {
                    eprec = 6;
                }
                int exp = digs.dp() - 1;
                if (exp < -4 || exp >= eprec) {
                    if (prec > digs.nd()) {
                        prec = digs.nd();
                    }
                    formatE(out, digs, prec - 1, fmt == 'g' ? 'e' : 'E');
                } else {
                    if (prec > digs.dp()) {
                        prec = digs.nd();
                    }
                    formatF(out, digs, Math.max(prec - digs.dp(), 0));
                }
            }
            default -> throw new IllegalArgumentException("format " + fmt);
        }
        return out.toString();
    }

    private static void formatE(StringBuilder out, Digits digs, int prec, char fmt) {
        out.append(digs.nd() == 0 ? '0' : digs.d().charAt(0));
        if (prec > 0) {
            out.append('.');
            for (int i = 1; i <= prec; i++) {
                out.append(digs.at(i));
            }
        }
        out.append(fmt);
        int exp = digs.nd() == 0 ? 0 : digs.dp() - 1;
        out.append(exp < 0 ? '-' : '+');
        exp = Math.abs(exp);
        if (exp < 10) {
            out.append('0');
        }
        out.append(exp);
    }

    private static void formatF(StringBuilder out, Digits digs, int prec) {
        if (digs.dp() > 0) {
            for (int i = 0; i < digs.dp(); i++) {
                out.append(digs.at(i));
            }
        } else {
            out.append('0');
        }
        if (prec > 0) {
            out.append('.');
            for (int i = 1; i <= prec; i++) {
                out.append(digs.at(digs.dp() + i - 1));
            }
        }
    }

    /**
     * encoding/json's float64: shortest digits, plain notation unless the magnitude is below
     * 1e-6 or at least 1e21, and a one-digit negative exponent written without padding (1e-7).
     * Returns null for NaN and infinities, which Go refuses to encode.
     */
    static String json(double f) {
        if (Double.isNaN(f) || Double.isInfinite(f)) {
            return null;
        }
        double abs = Math.abs(f);
        char fmt = abs != 0 && (abs < 1e-6 || abs >= 1e21) ? 'e' : 'f';
        String s = format(f, fmt, -1);
        if (fmt == 'e') {
            int n = s.length();
            if (n >= 4 && s.charAt(n - 4) == 'e' && s.charAt(n - 3) == '-' && s.charAt(n - 2) == '0') {
                s = s.substring(0, n - 2) + s.charAt(n - 1);
            }
        }
        return s;
    }
}
