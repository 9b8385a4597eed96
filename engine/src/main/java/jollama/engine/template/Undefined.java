package jollama.engine.template;

/**
 * Jinja's default Undefined: what a missing variable, key or attribute evaluates to. It is
 * falsy, renders as "", iterates as empty and has length 0, but using it further (attribute,
 * item, call, arithmetic) fails with {@code hint}, e.g. "'dict object' has no attribute 'x'".
 */
record Undefined(String hint) {

    EvalError fail() {
        return new EvalError(hint);
    }
}
