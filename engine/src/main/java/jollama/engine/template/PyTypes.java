package jollama.engine.template;

import java.util.List;
import java.util.Map;

/** Python's type names for values, for error messages that read like Jinja's. */
final class PyTypes {

    private PyTypes() {
    }

    static String name(Object o) {
        if (o == null) {
            return "NoneType";
        }
        if (o instanceof String) {
            return "str";
        }
        if (o instanceof Boolean) {
            return "bool";
        }
        if (PyNumbers.isInt(o)) {
            return "int";
        }
        if (PyNumbers.isFloat(o)) {
            return "float";
        }
        if (o instanceof List) {
            return "list";
        }
        if (o instanceof Map) {
            return "dict";
        }
        return switch (o) {
            case Undefined _ -> "Undefined";
            case Namespace _ -> "Namespace";
            case LoopInfo _ -> "LoopContext";
            case MacroValue _ -> "Macro";
            case BoundMethod _, Builtin _, TemplateFunction _ -> "function";
            default -> o.getClass().getSimpleName();
        };
    }

    /** Jinja's wording for the object in "... has no attribute ..." messages. */
    static String objectName(Object o) {
        return o == null ? "None" : "'" + name(o) + " object'";
    }
}
