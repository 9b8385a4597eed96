package jollama.engine.gotemplate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values templates work with, and what Go's reflection would say about them. Java stands in
 * for Go as: null for nil (an unset interface), String, Long for int, Double for float64,
 * Boolean, and the Go* records for slices, maps, byte slices and structs.
 */
final class GoValues {

    private GoValues() {
    }

    /** Go's type name for a value, as {@code %T} and error messages print it. */
    static String typeName(Object value) {
        return switch (value) {
            case null -> "<nil>";
            case String s -> "string";
            case Long l -> "int";
            case Double d -> "float64";
            case Boolean b -> "bool";
            case GoSlice s -> s.type().name();
            case GoMap m -> m.type().name();
            case GoBytes b -> b.type().name();
            case GoStruct s -> s.structType().type().name();
            default -> value.getClass().getSimpleName();
        };
    }

    /** The type's String method, or null when it has none (or the value is not of a named type). */
    static java.util.function.Function<Object, String> stringer(Object value) {
        GoType type = switch (value) {
            case GoSlice s -> s.type();
            case GoMap m -> m.type();
            case GoBytes b -> b.type();
            case GoStruct s -> s.structType().type();
            case null, default -> null;
        };
        return type == null ? null : type.stringer();
    }

    /**
     * Go's truth (text/template {@code isTrue}): nil, false, 0, "" and empty slices and maps are
     * false; structs are always true.
     */
    static boolean isTrue(Object value) {
        return switch (value) {
            case null -> false;
            case Boolean b -> b;
            case String s -> !s.isEmpty();
            case Long l -> l != 0;
            case Double d -> d != 0;
            case GoSlice s -> s.length() > 0;
            case GoMap m -> m.length() > 0;
            case GoBytes b -> b.length() > 0;
            case GoStruct s -> true;
            default -> true;
        };
    }

    /**
     * Converts plain Java data into template values: maps with string keys become
     * {@code map[string]interface {}}, lists {@code []interface {}}, integral numbers int and
     * other numbers float64. Values that already are template values pass through.
     */
    static Object fromJava(Object value) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Long l -> l;
            case Integer i -> (long) i;
            case Short s -> (long) s;
            case Byte b -> (long) b;
            case BigInteger b -> b.longValueExact();
            case Double d -> d;
            case Float f -> (double) f;
            case BigDecimal b -> b.doubleValue();
            case Character c -> (long) c;
            case GoSlice s -> s;
            case GoMap m -> m;
            case GoBytes b -> b;
            case GoStruct s -> s;
            case byte[] bytes -> new GoBytes(GoType.plain("[]uint8"), bytes.clone());
            case Map<?, ?> map -> {
                Map<String, Object> entries = new LinkedHashMap<>();
                map.forEach((k, v) -> entries.put(String.valueOf(k), fromJava(v)));
                yield GoMap.of(GoType.ANY_MAP, entries);
            }
            case List<?> list -> {
                List<Object> items = new ArrayList<>(list.size());
                list.forEach(v -> items.add(fromJava(v)));
                yield new GoSlice(GoType.ANY_SLICE, items);
            }
            default -> throw new IllegalArgumentException("no Go template equivalent for " + value.getClass().getName());
        };
    }

    /**
     * Converts a JSON value (as Jackson or any JSON parser gives it in Java: maps, lists,
     * numbers, strings, booleans, null) the way Go's encoding/json decodes into
     * {@code interface {}}: every number becomes a float64.
     */
    static Object fromJson(Object value) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Number n -> n.doubleValue();
            case Map<?, ?> map -> {
                Map<String, Object> entries = new LinkedHashMap<>();
                map.forEach((k, v) -> entries.put(String.valueOf(k), fromJson(v)));
                yield GoMap.of(GoType.ANY_MAP, entries);
            }
            case List<?> list -> {
                List<Object> items = new ArrayList<>(list.size());
                list.forEach(v -> items.add(fromJson(v)));
                yield new GoSlice(GoType.ANY_SLICE, items);
            }
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        };
    }
}
