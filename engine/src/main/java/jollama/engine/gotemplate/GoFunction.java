package jollama.engine.gotemplate;

import java.util.List;

/**
 * A function templates can call, with as much of its Go signature as argument checking needs:
 * its fixed parameters and, when variadic, the type of the rest.
 *
 * @param variadic the type of the variadic rest, or null for a fixed number of parameters
 * @param lazy     and/or: arguments are evaluated one at a time until one decides the result
 */
record GoFunction(String name, List<Param> params, Param variadic, boolean lazy, Body body) {

    /** Go parameter types that matter here: anything (interface{} or reflect.Value), or string. */
    enum Param { ANY, STRING }

    @FunctionalInterface
    interface Body {
        Object call(List<Object> args) throws Failure;
    }

    /** The error a Go function returns; the template reports it as "error calling NAME: message". */
    static final class Failure extends Exception {

        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    static GoFunction fixed(String name, int arity, Body body) {
        return new GoFunction(name, java.util.Collections.nCopies(arity, Param.ANY), null, false, body);
    }

    static GoFunction variadic(String name, int fixedArity, Param rest, Body body) {
        return new GoFunction(name, java.util.Collections.nCopies(fixedArity, Param.ANY), rest, false, body);
    }
}
