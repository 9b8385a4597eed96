package jollama.engine.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Calls of methods looked up on values: str methods, dict.items/keys/values/get, loop.cycle. */
final class Methods {

    private Methods() {
    }

    static Object call(BoundMethod method, Args args) {
        Object receiver = method.receiver();
        if (receiver instanceof String s) {
            return StringMethods.call(s, method.name(), args);
        }
        if (receiver instanceof Map<?, ?> map) {
            return switch (method.name()) {
                case "items" -> {
                    args.accept();
                    yield Filters.pairs(map);
                }
                case "keys" -> {
                    args.accept();
                    yield new ArrayList<Object>(map.keySet());
                }
                case "values" -> {
                    args.accept();
                    yield new ArrayList<Object>(map.values());
                }
                case "get" -> {
                    args.accept("key", "default");
                    Object key = args.get(0, "key", null);
                    yield map.containsKey(key) ? map.get(key) : args.get(1, "default", null);
                }
                default -> throw new IllegalStateException(method.name());
            };
        }
        if (receiver instanceof LoopInfo loop && method.name().equals("cycle")) {
            List<Object> options = args.positional();
            if (options.isEmpty()) {
                throw new EvalError("no items for cycling given");
            }
            return options.get(loop.index0() % options.size());
        }
        throw new IllegalStateException(method.name());
    }
}
