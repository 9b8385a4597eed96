package jollama.server.cli;

import java.math.BigDecimal;

/** Numbers for JSON output lines. */
final class JsonNumbers {

    private JsonNumbers() {
    }

    /**
     * A float as Go's encoding/json writes a float32 (what {@code ollama run} prints for an
     * embedding): the shortest digits that read back the same, plain notation unless the
     * exponent is below -6 or from 21 on, then {@code 1e-7} / {@code 1e+21} style.
     */
    static String goFloat32(float f) {
        if (!Float.isFinite(f)) {
            return "null"; // Go refuses to encode these; null keeps the line valid JSON
        }
        float abs = Math.abs(f);
        if (abs != 0 && (abs < 1e-6f || abs >= 1e21f)) {
            String s = Float.toString(f).replace('E', 'e'); // 1.0e-7
            String mantissa = s.substring(0, s.indexOf('e')).replaceFirst("\\.0$", "");
            int exponent = Integer.parseInt(s.substring(s.indexOf('e') + 1));
            // strconv writes e-07 / e+21; encoding/json then shortens e-07 to e-7
            return mantissa + (exponent < 0 ? "e-" + -exponent : "e+" + String.format("%02d", exponent));
        }
        return new BigDecimal(Float.toString(f)).stripTrailingZeros().toPlainString();
    }

    /** A log-probability: Java's shortest round-trip digits, which are valid JSON; null if not finite. */
    static String number(double d) {
        return Double.isFinite(d) ? Double.toString(d) : "null";
    }
}
