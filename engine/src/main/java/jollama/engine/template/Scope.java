package jollama.engine.template;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Variables visible at one point of a render. Lookups walk outwards; {@code set} writes the
 * innermost scope, so a set inside a loop body (a fresh scope per iteration, as Jinja behaves)
 * is gone after the loop, while an {@code if} adds no scope of its own.
 */
final class Scope {

    /** Marks a name no scope defines (null is a defined value: Python's None). */
    static final Object MISSING = new Object();

    private final Scope parent;
    private final Map<String, Object> variables;

    private Scope(Scope parent, Map<String, Object> variables) {
        this.parent = parent;
        this.variables = variables;
    }

    /** The outermost scope, reading {@code variables} without ever writing to it. */
    static Scope root(Map<String, ?> variables) {
        return new Scope(null, Collections.unmodifiableMap(variables));
    }

    /** A scope reading {@code variables} (never writing them), inside this one. */
    Scope reading(Map<String, ?> variables) {
        return new Scope(this, Collections.unmodifiableMap(variables));
    }

    Scope child() {
        return new Scope(this, new HashMap<>());
    }

    Object lookup(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            if (s.variables.containsKey(name)) {
                return s.variables.get(name);
            }
        }
        return MISSING;
    }

    void set(String name, Object value) {
        variables.put(name, value);
    }
}
