package jollama.engine.template;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Jinja's tests ({@code value is name(args)}), with Python's notion of each type. */
final class IsTests {

    static final Set<String> NAMES = Set.of("defined", "undefined", "none", "string", "mapping", "iterable",
            "sequence", "number", "integer", "float", "boolean", "true", "false", "callable", "odd", "even",
            "divisibleby", "eq", "equalto", "==", "ne", "!=", "lt", "lessthan", "<", "le", "<=", "gt",
            "greaterthan", ">", "ge", ">=", "in", "lower", "upper", "sameas");

    private IsTests() {
    }

    static boolean apply(String name, Object v, List<Object> args) {
        if (!NAMES.contains(name)) {
            throw new EvalError("unsupported test '" + name + "'");
        }
        int expected = switch (name) {
            case "divisibleby", "eq", "equalto", "==", "ne", "!=", "lt", "lessthan", "<", "le", "<=", "gt",
                 "greaterthan", ">", "ge", ">=", "in", "sameas" -> 1;
            default -> 0;
        };
        if (args.size() != expected) {
            throw new EvalError("test '" + name + "' takes " + expected + " argument(s), " + args.size() + " given");
        }
        Object other = expected == 1 ? args.getFirst() : null;
        return switch (name) {
            case "defined" -> !(v instanceof Undefined);
            case "undefined" -> v instanceof Undefined;
            case "none" -> v == null;
            case "string" -> v instanceof String;
            case "mapping" -> v instanceof Map;
            // Undefined iterates (as empty) and has a length, so Jinja counts it here too.
            case "iterable", "sequence" -> v instanceof String || v instanceof List || v instanceof Map
                    || v instanceof Undefined;
            case "number" -> PyNumbers.isNumeric(v);
            case "integer" -> PyNumbers.isInt(v);
            case "float" -> PyNumbers.isFloat(v);
            case "boolean" -> v instanceof Boolean;
            case "true" -> Boolean.TRUE.equals(v);
            case "false" -> Boolean.FALSE.equals(v);
            case "callable" -> v instanceof MacroValue || v instanceof BoundMethod || v instanceof Builtin
                    || v instanceof TemplateFunction;
            case "odd" -> PyOps.equal(PyOps.binary("%", intValue(v, name), 2L), 1L);
            case "even" -> PyOps.equal(PyOps.binary("%", intValue(v, name), 2L), 0L);
            case "divisibleby" -> !PyOps.truthy(PyOps.binary("%", v, other));
            case "eq", "equalto", "==" -> PyOps.equal(v, other);
            case "ne", "!=" -> !PyOps.equal(v, other);
            case "lt", "lessthan", "<" -> PyOps.compare(v, other, "<") < 0;
            case "le", "<=" -> PyOps.compare(v, other, "<=") <= 0;
            case "gt", "greaterthan", ">" -> PyOps.compare(v, other, ">") > 0;
            case "ge", ">=" -> PyOps.compare(v, other, ">=") >= 0;
            case "in" -> PyOps.contains(other, v);
            case "lower" -> (Boolean) StringMethods.call(PyStr.str(v), "islower", Args.of("islower", List.of()));
            case "upper" -> (Boolean) StringMethods.call(PyStr.str(v), "isupper", Args.of("isupper", List.of()));
            case "sameas" -> v == other || (v != null && immutableEqual(v, other));
            default -> throw new IllegalStateException(name);
        };
    }

    /** odd / even compute {@code value % 2} as Python would, floats included. */
    private static Object intValue(Object v, String test) {
        if (!PyNumbers.isNumeric(v)) {
            throw new EvalError("test '" + test + "' needs a number, not " + PyTypes.name(v));
        }
        return v;
    }

    /** Python's "is" on values that are interned there: bools and the same boxed constants. */
    private static boolean immutableEqual(Object v, Object other) {
        return v instanceof Boolean && v.equals(other);
    }
}
