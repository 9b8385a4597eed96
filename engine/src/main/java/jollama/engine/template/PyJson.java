package jollama.engine.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code json.dumps}, which transformers' {@code tojson} filter calls with
 * {@code ensure_ascii=False} by default (not Jinja's HTML-safe, key-sorting tojson). Separators
 * are {@code ", "} and {@code ": "}, or {@code ","} and {@code ": "} once an indent is given;
 * keys keep their order unless sorted.
 */
final class PyJson {

    /** json.dumps's options. indent: null, an int (spaces) or a string. */
    record Options(boolean ensureAscii, Object indent, String itemSeparator, String keySeparator, boolean sortKeys) {

        static Options of(boolean ensureAscii, Object indent, List<?> separators, boolean sortKeys) {
            String item = indent == null ? ", " : ",";
            String key = ": ";
            if (separators != null) {
                if (separators.size() != 2 || !(separators.get(0) instanceof String i)
                        || !(separators.get(1) instanceof String k)) {
                    throw new EvalError("tojson separators must be a pair of strings");
                }
                item = i;
                key = k;
            }
            return new Options(ensureAscii, indent, item, key, sortKeys);
        }
    }

    private final Options options;
    private final String indentUnit;
    private final StringBuilder out = new StringBuilder();

    private PyJson(Options options) {
        this.options = options;
        Object indent = options.indent();
        if (indent == null) {
            indentUnit = null;
        } else if (indent instanceof String s) {
            indentUnit = s;
        } else if (PyNumbers.isInt(indent)) {
            indentUnit = " ".repeat(Math.max(0, PyNumbers.toIndex(indent, "indent")));
        } else {
            throw new EvalError("tojson indent must be an int or a string, not " + PyTypes.name(indent));
        }
    }

    static String dumps(Object value, Options options) {
        PyJson json = new PyJson(options);
        json.write(value, 0);
        return json.out.toString();
    }

    private void write(Object value, int level) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof String s) {
            string(s);
        } else if (PyNumbers.isInt(value)) {
            out.append(value);
        } else if (PyNumbers.isFloat(value)) {
            out.append(floatText(((Number) value).doubleValue()));
        } else if (value instanceof List<?> list) {
            array(list, level);
        } else if (value instanceof Map<?, ?> map) {
            object(map, level);
        } else {
            throw new EvalError("Object of type " + PyTypes.name(value) + " is not JSON serializable");
        }
    }

    private static String floatText(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return PyStr.floatRepr(d);
    }

    private void array(List<?> list, int level) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            separator(i, level + 1);
            write(list.get(i), level + 1);
        }
        closing(level);
        out.append(']');
    }

    private void object(Map<?, ?> map, int level) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
        List<String> keys = new ArrayList<>();
        for (Map.Entry<?, ?> e : entries) {
            keys.add(keyText(e.getKey()));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            order.add(i);
        }
        if (options.sortKeys()) {
            order.sort((a, b) -> PyOps.compare(keys.get(a), keys.get(b), "<"));
        }
        out.append('{');
        for (int i = 0; i < order.size(); i++) {
            separator(i, level + 1);
            string(keys.get(order.get(i)));
            out.append(options.keySeparator());
            write(entries.get(order.get(i)).getValue(), level + 1);
        }
        closing(level);
        out.append('}');
    }

    /** Keys as Python converts them: str as is, numbers and constants by their JSON text. */
    private static String keyText(Object key) {
        if (key instanceof String s) {
            return s;
        }
        if (key == null) {
            return "null";
        }
        if (key instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (PyNumbers.isInt(key)) {
            return key.toString();
        }
        if (PyNumbers.isFloat(key)) {
            return floatText(((Number) key).doubleValue());
        }
        throw new EvalError("keys must be str, int, float, bool or None, not " + PyTypes.name(key));
    }

    private void separator(int index, int level) {
        if (index > 0) {
            out.append(options.itemSeparator());
        }
        if (indentUnit != null) {
            out.append('\n').append(indentUnit.repeat(level));
        }
    }

    private void closing(int level) {
        if (indentUnit != null) {
            out.append('\n').append(indentUnit.repeat(level));
        }
    }

    private void string(String s) {
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
                default -> {
                    if (c < 0x20 || (options.ensureAscii() && c > 0x7e)) {
                        // UTF-16 units, so characters beyond the BMP come out as surrogate pairs, like Python.
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
