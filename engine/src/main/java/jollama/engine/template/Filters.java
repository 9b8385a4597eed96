package jollama.engine.template;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The filters chat templates use, with Jinja's semantics, except {@code tojson}, which is
 * transformers' override: {@code json.dumps(x, ensure_ascii=False, indent=None,
 * separators=None, sort_keys=False)} (positional order as in that override).
 * Filters that yield generators in Jinja (map, select...) yield lists here.
 */
final class Filters {

    static final Set<String> NAMES = Set.of("length", "count", "first", "last", "join", "upper", "lower",
            "capitalize", "title", "trim", "default", "d", "string", "items", "list", "safe", "tojson", "int",
            "float", "abs", "reverse", "replace", "map", "select", "reject", "selectattr", "rejectattr");

    private Filters() {
    }

    static Object apply(String name, Object v, Args args) {
        return switch (name) {
            case "length", "count" -> (long) Access.length(noArgs(v, args));
            case "first" -> first(noArgs(v, args));
            case "last" -> last(noArgs(v, args));
            case "join" -> join(v, args.accept("d", "attribute"));
            case "upper" -> PyStr.str(noArgs(v, args)).toUpperCase(Locale.ROOT);
            case "lower" -> PyStr.str(noArgs(v, args)).toLowerCase(Locale.ROOT);
            case "capitalize" -> StringMethods.capitalize(PyStr.str(noArgs(v, args)));
            case "title" -> title(PyStr.str(noArgs(v, args)));
            case "trim" -> StringMethods.strip(PyStr.str(v), args.accept("chars").string(0, "chars", null), true, true);
            case "default", "d" -> {
                args.accept("default_value", "boolean");
                boolean onFalsy = PyOps.truthy(args.get(1, "boolean", false));
                yield v instanceof Undefined || (onFalsy && !PyOps.truthy(v)) ? args.get(0, "default_value", "") : v;
            }
            // No autoescaping in transformers' environment, so a safe string is just the string.
            case "string", "safe" -> PyStr.str(noArgs(v, args));
            case "items" -> items(noArgs(v, args));
            case "list" -> Access.iterate(noArgs(v, args));
            case "tojson" -> tojson(v, args.accept("ensure_ascii", "indent", "separators", "sort_keys"));
            case "int" -> toInt(v, args.accept("default", "base"));
            case "float" -> toFloat(v, args.accept("default"));
            case "abs" -> abs(noArgs(v, args));
            case "reverse" -> reverse(noArgs(v, args));
            case "replace" -> {
                args.accept("old", "new", "count");
                String old = args.string(0, "old", null);
                String replacement = args.string(1, "new", null);
                if (old == null || replacement == null) {
                    throw new EvalError("replace() takes at least 2 arguments");
                }
                Object count = args.get(2, "count", null);
                yield StringMethods.replace(PyStr.str(v), old, replacement,
                        count == null ? -1 : PyNumbers.toIndex(count, "count"));
            }
            case "map" -> map(v, args);
            case "select" -> select(v, args, true);
            case "reject" -> select(v, args, false);
            case "selectattr" -> selectAttribute(v, args, true);
            case "rejectattr" -> selectAttribute(v, args, false);
            default -> throw new EvalError("unsupported filter '" + name + "'");
        };
    }

    private static Object noArgs(Object v, Args args) {
        args.accept();
        return v;
    }

    private static Object first(Object v) {
        List<Object> items = Access.iterate(v);
        return items.isEmpty() ? new Undefined("No first item, sequence was empty.") : items.getFirst();
    }

    private static Object last(Object v) {
        List<Object> items = Access.iterate(v);
        return items.isEmpty() ? new Undefined("No last item, sequence was empty.") : items.getLast();
    }

    private static String join(Object v, Args args) {
        String separator = PyStr.str(args.get(0, "d", ""));
        Object attribute = args.get(1, "attribute", null);
        StringBuilder out = new StringBuilder();
        List<Object> items = Access.iterate(v);
        for (int i = 0; i < items.size(); i++) {
            Object item = attribute == null ? items.get(i) : lookup(items.get(i), attribute);
            out.append(i > 0 ? separator : "").append(PyStr.str(item));
        }
        return out.toString();
    }

    /** Jinja's title filter: capitalises words split at whitespace, '-', and opening brackets. */
    private static String title(String s) {
        StringBuilder out = new StringBuilder();
        boolean wordStart = true;
        for (int c : s.codePoints().toArray()) {
            boolean boundary = PyChars.isSpace(c) || "-({[<".indexOf(c) >= 0;
            String ch = Character.toString(c);
            out.append(boundary ? ch : wordStart ? ch.toUpperCase(Locale.ROOT) : ch.toLowerCase(Locale.ROOT));
            wordStart = boundary;
        }
        return out.toString();
    }

    private static List<Object> items(Object v) {
        if (v instanceof Undefined) {
            return new ArrayList<>();
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw new EvalError("Can only get item pairs from a mapping.");
        }
        return pairs(map);
    }

    /** dict.items(): (key, value) pairs, as fixed-size lists that may hold None. */
    static List<Object> pairs(Map<?, ?> map) {
        List<Object> out = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.add(Collections.unmodifiableList(Arrays.asList(e.getKey(), e.getValue())));
        }
        return out;
    }

    private static String tojson(Object v, Args args) {
        Object separators = args.get(2, "separators", null);
        if (separators != null && !(separators instanceof List)) {
            throw new EvalError("tojson separators must be a pair of strings");
        }
        return PyJson.dumps(v, PyJson.Options.of(PyOps.truthy(args.get(0, "ensure_ascii", false)),
                args.get(1, "indent", null), (List<?>) separators, PyOps.truthy(args.get(3, "sort_keys", false))));
    }

    private static Object toInt(Object v, Args args) {
        if (v instanceof Undefined u) {
            throw u.fail();
        }
        Object fallback = args.get(0, "default", 0L);
        int base = PyNumbers.toIndex(args.get(1, "base", 10L), "base");
        if (v instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (PyNumbers.isInt(v)) {
            return v;
        }
        if (PyNumbers.isFloat(v)) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? PyNumbers.normalize(new java.math.BigDecimal(d).toBigInteger()) : fallback;
        }
        if (v instanceof String s) {
            String t = s.strip().replace("_", "");
            try {
                return PyNumbers.normalize(new java.math.BigInteger(t, base));
            } catch (NumberFormatException e) {
                try {
                    double d = Double.parseDouble(t);
                    return Double.isFinite(d) ? PyNumbers.normalize(new java.math.BigDecimal(d).toBigInteger()) : fallback;
                } catch (NumberFormatException again) {
                    return fallback;
                }
            }
        }
        return fallback;
    }

    private static Object toFloat(Object v, Args args) {
        if (v instanceof Undefined u) {
            throw u.fail();
        }
        Object fallback = args.get(0, "default", 0.0);
        if (PyNumbers.isNumeric(v)) {
            return PyNumbers.toDouble(v);
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    private static Object abs(Object v) {
        if (PyNumbers.isFloat(v)) {
            return Math.abs(((Number) v).doubleValue());
        }
        if (PyNumbers.isInt(v) || v instanceof Boolean) {
            return PyNumbers.normalize(PyNumbers.toBig(v).abs());
        }
        throw new EvalError("bad operand type for abs(): '" + PyTypes.name(v) + "'");
    }

    private static Object reverse(Object v) {
        if (v instanceof String s) {
            return String.join("", Access.iterate(s).reversed().stream().map(String.class::cast).toList());
        }
        return Access.iterate(v).reversed();
    }

    /** {@code map(attribute='x', default=...)} or {@code map('filter', args...)}. */
    private static List<Object> map(Object v, Args args) {
        List<Object> out = new ArrayList<>();
        if (args.positional().isEmpty()) {
            args.accept("attribute", "default");
            Object attribute = args.keywords().get("attribute");
            if (attribute == null) {
                throw new EvalError("map() needs a filter name or attribute=");
            }
            Object fallback = args.keywords().get("default");
            for (Object item : Access.iterate(v)) {
                Object value = lookup(item, attribute);
                out.add(value instanceof Undefined && args.keywords().containsKey("default") ? fallback : value);
            }
            return out;
        }
        if (!(args.positional().getFirst() instanceof String filter) || !NAMES.contains(filter)) {
            throw new EvalError("map() needs a supported filter name, not " + PyStr.repr(args.positional().getFirst()));
        }
        Args rest = new Args(filter, args.positional().subList(1, args.positional().size()), args.keywords());
        for (Object item : Access.iterate(v)) {
            out.add(apply(filter, item, rest));
        }
        return out;
    }

    /** {@code select('test', args...)} / reject; with no test, truthiness. */
    private static List<Object> select(Object v, Args args, boolean keep) {
        List<Object> out = new ArrayList<>();
        for (Object item : Access.iterate(v)) {
            if (passes(item, args.positional(), 0) == keep) {
                out.add(item);
            }
        }
        return out;
    }

    /** {@code selectattr('attr', 'test', args...)} / rejectattr. */
    private static List<Object> selectAttribute(Object v, Args args, boolean keep) {
        if (args.positional().isEmpty()) {
            throw new EvalError("selectattr() needs an attribute name");
        }
        Object attribute = args.positional().getFirst();
        List<Object> out = new ArrayList<>();
        for (Object item : Access.iterate(v)) {
            if (passes(lookup(item, attribute), args.positional(), 1) == keep) {
                out.add(item);
            }
        }
        return out;
    }

    private static boolean passes(Object value, List<Object> spec, int testAt) {
        if (spec.size() <= testAt) {
            return PyOps.truthy(value);
        }
        if (!(spec.get(testAt) instanceof String test)) {
            throw new EvalError("a test name must be a string, not " + PyTypes.name(spec.get(testAt)));
        }
        return IsTests.apply(test, value, spec.subList(testAt + 1, spec.size()));
    }

    /** Jinja's attribute path for filters: "a.b.0" walks attribute / item by item. */
    private static Object lookup(Object item, Object attribute) {
        if (!(attribute instanceof String path)) {
            return Access.item(item, attribute);
        }
        Object value = item;
        for (String part : path.split("\\.")) {
            Object key = part.chars().allMatch(Character::isDigit) && !part.isEmpty() ? (Object) Long.parseLong(part) : part;
            value = Access.item(value, key);
        }
        return value;
    }
}
