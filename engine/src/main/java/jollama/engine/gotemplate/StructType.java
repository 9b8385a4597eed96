package jollama.engine.gotemplate;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A Go struct type: its exported fields in declaration order (which is also the order of the
 * JSON keys) and its niladic methods, which templates call with field syntax.
 */
record StructType(GoType type, List<Field> fields, Map<String, Function<GoStruct, Object>> methods) {

    /**
     * @param name      the Go field name that templates use ({@code .ToolCalls})
     * @param jsonName  the key {@code json} writes (the Go name when there is no tag)
     * @param omitEmpty the tag's {@code omitempty}: false, 0, "", nil and empty collections are left out
     */
    record Field(String name, String jsonName, boolean omitEmpty) {

        static Field untagged(String name) {
            return new Field(name, name, false);
        }

        static Field json(String name, String jsonName) {
            return new Field(name, jsonName, false);
        }

        static Field omitEmpty(String name, String jsonName) {
            return new Field(name, jsonName, true);
        }
    }

    int indexOf(String fieldName) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(fieldName)) {
                return i;
            }
        }
        return -1;
    }

    GoStruct of(Object... values) {
        if (values.length != fields.size()) {
            throw new IllegalArgumentException(type.name() + " has " + fields.size() + " fields");
        }
        return new GoStruct(this, java.util.Arrays.asList(values));
    }
}
