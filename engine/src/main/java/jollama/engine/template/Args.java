package jollama.engine.template;

import java.util.List;
import java.util.Map;

/**
 * The arguments of one call to a filter, test, method or function, bound Python-style: each
 * parameter by position or by keyword, with a default when absent.
 */
record Args(String function, List<Object> positional, Map<String, Object> keywords) {

    static Args of(String function, List<Object> positional) {
        return new Args(function, positional, Map.of());
    }

    /** The parameter at {@code index} / named {@code name}, or {@code fallback}. */
    Object get(int index, String name, Object fallback) {
        if (index < positional.size()) {
            if (keywords.containsKey(name)) {
                throw new EvalError(function + "() got multiple values for argument '" + name + "'");
            }
            return positional.get(index);
        }
        return keywords.containsKey(name) ? keywords.get(name) : fallback;
    }

    /** Fails on arguments beyond the {@code names} the function takes. */
    Args accept(String... names) {
        if (positional.size() > names.length) {
            throw new EvalError(function + "() takes at most " + names.length + " argument(s) ("
                    + positional.size() + " given)");
        }
        for (String key : keywords.keySet()) {
            if (!List.of(names).contains(key)) {
                throw new EvalError(function + "() got an unexpected keyword argument '" + key + "'");
            }
        }
        return this;
    }

    String string(int index, String name, String fallback) {
        Object v = get(index, name, fallback);
        if (v != null && !(v instanceof String)) {
            throw new EvalError(function + "() argument '" + name + "' must be str, not " + PyTypes.name(v));
        }
        return (String) v;
    }
}
