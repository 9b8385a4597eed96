package jollama.engine.structured;

/**
 * A {@code format} value that is neither {@code "json"} nor a schema object. The message is
 * Ollama's: {@code invalid format: <raw, Go-quoted>; expected "json" or a valid JSON Schema object}
 * (Ollama answers it with status 500).
 */
public final class InvalidFormatException extends IllegalArgumentException {

    public InvalidFormatException(String rawJson) {
        super("invalid format: " + goQuote(rawJson) + "; expected \"json\" or a valid JSON Schema object");
    }

    /** Go's {@code %q} of a byte string, for the characters JSON text can hold. */
    static String goQuote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
