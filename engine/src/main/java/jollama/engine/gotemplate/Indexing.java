package jollama.engine.gotemplate;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Go's index, slice and len builtins. Strings index and slice by byte (UTF-8), as in Go. */
final class Indexing {

    private Indexing() {
    }

    static long length(Object item) throws GoFunction.Failure {
        return switch (item) {
            case null -> throw new GoFunction.Failure("len of nil pointer");
            case String s -> s.getBytes(StandardCharsets.UTF_8).length;
            case GoSlice s -> s.length();
            case GoMap m -> m.length();
            case GoBytes b -> b.length();
            default -> throw new GoFunction.Failure("len of type " + GoValues.typeName(item));
        };
    }

    static Object index(Object item, List<Object> indexes) throws GoFunction.Failure {
        if (item == null) {
            throw new GoFunction.Failure("index of untyped nil");
        }
        for (Object index : indexes) {
            switch (item) {
                case null -> throw new GoFunction.Failure("index of nil pointer");
                case GoSlice s -> item = s.elements().get(position(index, s.length(), true));
                case GoBytes b -> item = (long) (b.bytes()[position(index, b.length(), true)] & 0xFF);
                case String s -> {
                    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                    item = (long) (bytes[position(index, bytes.length, true)] & 0xFF);
                }
                case GoMap m -> {
                    if (index == null) {
                        throw new GoFunction.Failure("value is nil; should be of type string");
                    }
                    if (!(index instanceof String key)) {
                        throw new GoFunction.Failure("value has type " + GoValues.typeName(index) + "; should be string");
                    }
                    item = m.get(key);
                }
                default -> throw new GoFunction.Failure("can't index item of type " + GoValues.typeName(item));
            }
        }
        return item;
    }

    static Object slice(Object item, List<Object> indexes) throws GoFunction.Failure {
        if (item == null) {
            throw new GoFunction.Failure("slice of untyped nil");
        }
        if (indexes.size() > 3) {
            throw new GoFunction.Failure("too many slice indexes: " + indexes.size());
        }
        int len = switch (item) {
            case String s -> {
                if (indexes.size() == 3) {
                    throw new GoFunction.Failure("cannot 3-index slice a string");
                }
                yield s.getBytes(StandardCharsets.UTF_8).length;
            }
            case GoSlice s -> s.length();
            case GoBytes b -> b.length();
            default -> throw new GoFunction.Failure("can't slice item of type " + GoValues.typeName(item));
        };
        int[] idx = {0, len, len};
        for (int i = 0; i < indexes.size(); i++) {
            idx[i] = position(indexes.get(i), len, false);
        }
        if (idx[0] > idx[1]) {
            throw new GoFunction.Failure("invalid slice index: " + idx[0] + " > " + idx[1]);
        }
        if (indexes.size() == 3 && idx[1] > idx[2]) {
            throw new GoFunction.Failure("invalid slice index: " + idx[1] + " > " + idx[2]);
        }
        return switch (item) {
            case String s -> {
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                yield new String(bytes, idx[0], idx[1] - idx[0], StandardCharsets.UTF_8);
            }
            case GoSlice s -> new GoSlice(s.type(), s.isNil() ? null : s.items().subList(idx[0], idx[1]));
            case GoBytes b -> new GoBytes(b.type(), b.bytes() == null ? null
                    : java.util.Arrays.copyOfRange(b.bytes(), idx[0], idx[1]));
            default -> throw new IllegalStateException();
        };
    }

    /** Go's indexArg: an int in [0, cap]; for index (not slice) the end itself is out of range. */
    private static int position(Object index, int cap, boolean forIndex) throws GoFunction.Failure {
        if (index == null) {
            throw new GoFunction.Failure("cannot index slice/array with nil");
        }
        if (!(index instanceof Long x)) {
            throw new GoFunction.Failure("cannot index slice/array with type " + GoValues.typeName(index));
        }
        if (x < 0 || x > cap || (forIndex && x == cap)) {
            throw new GoFunction.Failure("index out of range: " + x);
        }
        return x.intValue();
    }
}
