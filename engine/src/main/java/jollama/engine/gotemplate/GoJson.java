package jollama.engine.gotemplate;

import java.util.Base64;

/**
 * Go's {@code json.Marshal} for template values: compact, HTML-safe string escaping, struct
 * fields in declaration order under their JSON names (honouring {@code omitempty}), map keys
 * sorted (except Ollama's ordered maps), nil slices and maps as {@code null}, byte slices as
 * base64, and a type's own MarshalJSON where it has one.
 */
final class GoJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoJson() {
    }

    /** Thrown for values Go cannot encode (NaN, infinities); Ollama's {@code json} then yields "". */
    static final class UnsupportedValueException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UnsupportedValueException(String message) {
            super(message, null, false, false);
        }
    }

    static String marshal(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String s -> quote(out, s);
            case Boolean b -> out.append(b);
            case Long l -> out.append(l);
            case Double d -> {
                String s = GoFloat.json(d);
                if (s == null) {
                    throw new UnsupportedValueException("json: unsupported value: " + GoFloat.format(d, 'g', -1));
                }
                out.append(s);
            }
            case GoSlice s when s.type().marshaler() != null -> out.append(s.type().marshaler().apply(s));
            case GoSlice s when s.isNil() -> out.append("null");
            case GoSlice s -> {
                out.append('[');
                boolean first = true;
                for (Object item : s.items()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    write(out, item);
                }
                out.append(']');
            }
            case GoMap m when m.type().marshaler() != null -> out.append(m.type().marshaler().apply(m));
            case GoMap m when m.isNil() -> out.append("null");
            case GoMap m -> {
                out.append('{');
                boolean first = true;
                for (String key : m.keys()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    quote(out, key);
                    out.append(':');
                    write(out, m.entries().get(key));
                }
                out.append('}');
            }
            case GoBytes b when b.bytes() == null -> out.append("null");
            case GoBytes b -> out.append('"').append(Base64.getEncoder().encodeToString(b.bytes())).append('"');
            case GoStruct s when s.structType().type().marshaler() != null ->
                    out.append(s.structType().type().marshaler().apply(s));
            case GoStruct s -> writeStruct(out, s);
            default -> throw new IllegalStateException("not a template value: " + value.getClass().getName());
        }
    }

    private static void writeStruct(StringBuilder out, GoStruct s) {
        out.append('{');
        boolean first = true;
        for (int i = 0; i < s.structType().fields().size(); i++) {
            StructType.Field field = s.structType().fields().get(i);
            Object value = s.values().get(i);
            if (field.omitEmpty() && isEmpty(value)) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            quote(out, field.jsonName());
            out.append(':');
            write(out, value);
        }
        out.append('}');
    }

    /** encoding/json's isEmptyValue; a struct is never empty. */
    private static boolean isEmpty(Object value) {
        return switch (value) {
            case null -> true;
            case String s -> s.isEmpty();
            case Boolean b -> !b;
            case Long l -> l == 0;
            case Double d -> d == 0;
            case GoSlice s -> s.length() == 0;
            case GoMap m -> m.length() == 0;
            case GoBytes b -> b.length() == 0;
            default -> false;
        };
    }

    /**
     * A JSON string as Go writes it with HTML escaping on: {@code <}, {@code >} and {@code &}
     * become \\u003c, \\u003e and \\u0026, U+2028/U+2029 are escaped, \\b and \\f use their short
     * forms (Go 1.22+), other control characters \\u00XX, and unpaired surrogates (invalid UTF-8
     * in Go) the replacement character.
     */
    static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(out, c);
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(out, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append("\\ufffd");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicodeEscape(StringBuilder out, char c) {
        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
    }
}
