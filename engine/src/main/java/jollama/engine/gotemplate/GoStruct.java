package jollama.engine.gotemplate;

import java.util.List;

/** A Go struct value: one value per field of its type, in declaration order (null is a nil field). */
record GoStruct(StructType structType, List<Object> values) {

    GoStruct {
        values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }

    Object field(String name) {
        return values.get(structType.indexOf(name));
    }
}
