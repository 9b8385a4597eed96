package jollama.engine.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Attribute, item and slice access with Jinja's rules: {@code a.b} tries the attribute (a
 * method such as {@code dict.items} or {@code str.strip}) and then the item; {@code a['b']} the
 * item and then the attribute; a miss is undefined, but any access on undefined fails.
 */
final class Access {

    static final Set<String> DICT_METHODS = Set.of("items", "keys", "values", "get");

    private Access() {
    }

    static Object attribute(Object obj, String name) {
        if (obj instanceof Undefined u) {
            throw u.fail();
        }
        if (obj instanceof Map<?, ?> map) {
            if (DICT_METHODS.contains(name)) {
                return new BoundMethod(obj, name);
            }
            if (map.containsKey(name)) {
                return map.get(name);
            }
        } else if (obj instanceof String && StringMethods.NAMES.contains(name)) {
            return new BoundMethod(obj, name);
        } else if (obj instanceof Namespace ns && ns.has(name)) {
            return ns.get(name);
        } else if (obj instanceof LoopInfo loop) {
            return loop.attribute(name);
        }
        return new Undefined(PyTypes.objectName(obj) + " has no attribute '" + name + "'");
    }

    static Object item(Object obj, Object key) {
        if (obj instanceof Undefined u) {
            throw u.fail();
        }
        if (obj instanceof Map<?, ?> map && map.containsKey(key)) {
            return map.get(key);
        }
        if (obj instanceof List<?> list && isIndex(key)) {
            int i = normalizedIndex(key, list.size());
            if (i >= 0) {
                return list.get(i);
            }
            return new Undefined("list index out of range: " + key);
        }
        if (obj instanceof String s && isIndex(key)) {
            int[] codePoints = s.codePoints().toArray();
            int i = normalizedIndex(key, codePoints.length);
            if (i >= 0) {
                return new String(codePoints, i, 1);
            }
            return new Undefined("string index out of range: " + key);
        }
        if (key instanceof String name) {
            return attribute(obj, name);
        }
        return new Undefined(PyTypes.objectName(obj) + " has no element " + PyStr.repr(key));
    }

    private static boolean isIndex(Object key) {
        return PyNumbers.isInt(key) || key instanceof Boolean;
    }

    /** Python's index with negatives counted from the end; -1 when out of range. */
    private static int normalizedIndex(Object key, int size) {
        long i = PyNumbers.toBig(key).max(java.math.BigInteger.valueOf(-size - 1L))
                .min(java.math.BigInteger.valueOf(size)).longValue();
        if (i < 0) {
            i += size;
        }
        return i >= 0 && i < size ? (int) i : -1;
    }

    /**
     * {@code obj[start:stop:step]} on a list or string; null bounds are omitted ones. Jinja
     * compiles slices to plain Python subscripts, so slicing anything else is a TypeError.
     */
    static Object slice(Object obj, Object start, Object stop, Object step) {
        if (obj instanceof Undefined u) {
            throw u.fail();
        }
        List<Object> items;
        if (obj instanceof List<?> list) {
            items = new ArrayList<>(list);
        } else if (obj instanceof String s) {
            items = new ArrayList<>();
            s.codePoints().forEach(c -> items.add(Character.toString(c)));
        } else {
            throw new EvalError("'" + PyTypes.name(obj) + "' object is not subscriptable");
        }
        int n = items.size();
        int by = step == null ? 1 : PyNumbers.toIndex(step, "slice step");
        if (by == 0) {
            throw new EvalError("slice step cannot be zero");
        }
        int from = bound(start, n, by > 0 ? 0 : n - 1, by);
        int to = bound(stop, n, by > 0 ? n : -1, by);
        List<Object> out = new ArrayList<>();
        for (int i = from; by > 0 ? i < to : i > to; i += by) {
            out.add(items.get(i));
        }
        if (obj instanceof String) {
            return String.join("", out.stream().map(String.class::cast).toList());
        }
        return out;
    }

    /** Python's slice.indices() for one bound. */
    private static int bound(Object value, int n, int absent, int step) {
        if (value == null) {
            return absent;
        }
        long i = PyNumbers.toIndex(value, "slice index");
        if (i < 0) {
            i += n;
            if (i < 0) {
                i = step > 0 ? 0 : -1;
            }
        } else if (i >= n) {
            i = step > 0 ? n : n - 1;
        }
        return (int) i;
    }

    /** The items a for loop or a filter walks: list items, dict keys, string characters. */
    static List<Object> iterate(Object value) {
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        if (value instanceof Map<?, ?> map) {
            return new ArrayList<>(map.keySet());
        }
        if (value instanceof String s) {
            List<Object> chars = new ArrayList<>();
            s.codePoints().forEach(c -> chars.add(Character.toString(c)));
            return chars;
        }
        if (value instanceof Undefined) {
            return new ArrayList<>();
        }
        throw new EvalError("'" + PyTypes.name(value) + "' object is not iterable");
    }

    static int length(Object value) {
        if (value instanceof String s) {
            return s.codePointCount(0, s.length());
        }
        if (value instanceof List<?> list) {
            return list.size();
        }
        if (value instanceof Map<?, ?> map) {
            return map.size();
        }
        if (value instanceof Undefined) {
            return 0;
        }
        throw new EvalError("object of type '" + PyTypes.name(value) + "' has no len()");
    }
}
