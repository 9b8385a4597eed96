package jollama.gguf;

import java.util.StringJoiner;
import java.util.function.IntFunction;

/** Short text for an array value: its type, size and first few elements. */
final class ArrayPreview {

    private static final int SHOWN = 8;

    private ArrayPreview() {
    }

    static String of(GGUFValue.ArrayValue array, int size, IntFunction<Object> element) {
        StringJoiner joiner = new StringJoiner(", ", array.describe() + "(" + size + ")[", "]");
        for (int i = 0; i < Math.min(size, SHOWN); i++) {
            joiner.add(String.valueOf(element.apply(i)));
        }
        if (size > SHOWN) {
            joiner.add("...");
        }
        return joiner.toString();
    }
}
