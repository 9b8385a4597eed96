package jollama.engine.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The global functions of transformers' chat-template environment: Jinja's {@code namespace},
 * {@code range} and {@code dict}, and transformers' {@code raise_exception}.
 */
final class Globals {

    /** Jinja's sandbox caps range() at this many items. */
    private static final int MAX_RANGE = 100_000;

    static final Map<String, Object> ALL = Map.of(
            "namespace", new Builtin("namespace"),
            "range", new Builtin("range"),
            "dict", new Builtin("dict"),
            "raise_exception", new Builtin("raise_exception"));

    private Globals() {
    }

    static Object call(Builtin function, Args args) {
        return switch (function.name()) {
            case "namespace" -> namespace(args);
            case "dict" -> dict(args);
            case "range" -> range(args);
            case "raise_exception" -> {
                args.accept("message");
                throw new TemplateException(PyStr.str(args.get(0, "message", "")), true);
            }
            default -> throw new IllegalStateException(function.name());
        };
    }

    private static Namespace namespace(Args args) {
        Map<String, Object> initial = mapping(args, "namespace");
        return new Namespace(initial);
    }

    private static Map<String, Object> dict(Args args) {
        return mapping(args, "dict");
    }

    /** dict(mapping_or_pairs, **kwargs), which namespace() takes too. */
    private static Map<String, Object> mapping(Args args, String function) {
        if (args.positional().size() > 1) {
            throw new EvalError(function + "() takes at most 1 positional argument");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (!args.positional().isEmpty()) {
            Object source = args.positional().getFirst();
            if (source instanceof Map<?, ?> map) {
                map.forEach((k, v) -> out.put(PyStr.str(k), v));
            } else {
                for (Object pair : Access.iterate(source)) {
                    List<Object> kv = Access.iterate(pair);
                    if (kv.size() != 2) {
                        throw new EvalError(function + "() sequence elements must be pairs");
                    }
                    out.put(PyStr.str(kv.get(0)), kv.get(1));
                }
            }
        }
        out.putAll(args.keywords());
        return out;
    }

    private static List<Object> range(Args args) {
        if (!args.keywords().isEmpty() || args.positional().isEmpty() || args.positional().size() > 3) {
            throw new EvalError("range() takes 1 to 3 positional arguments");
        }
        List<Object> p = args.positional();
        long start = p.size() == 1 ? 0 : PyNumbers.toIndex(p.get(0), "range start");
        long stop = PyNumbers.toIndex(p.size() == 1 ? p.get(0) : p.get(1), "range stop");
        long step = p.size() == 3 ? PyNumbers.toIndex(p.get(2), "range step") : 1;
        if (step == 0) {
            throw new EvalError("range() arg 3 must not be zero");
        }
        List<Object> out = new ArrayList<>();
        for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
            if (out.size() >= MAX_RANGE) {
                throw new EvalError("range too big, maximum size for range is " + MAX_RANGE);
            }
            out.add(i);
        }
        return out;
    }
}
