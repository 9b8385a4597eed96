package jollama.engine.template;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Python's numbers over Java's boxes: any integral box is an int (Python ints do not overflow,
 * so results go through BigInteger and come back as Long when they fit), Double/Float/BigDecimal
 * are floats, and, as in Python, a bool is an int in arithmetic and comparisons.
 */
final class PyNumbers {

    private PyNumbers() {
    }

    static boolean isInt(Object o) {
        return o instanceof Long || o instanceof Integer || o instanceof BigInteger
                || o instanceof Short || o instanceof Byte;
    }

    static boolean isFloat(Object o) {
        return o instanceof Double || o instanceof Float || o instanceof BigDecimal;
    }

    /** int, float or bool: what Python arithmetic accepts. */
    static boolean isNumeric(Object o) {
        return isInt(o) || isFloat(o) || o instanceof Boolean;
    }

    static BigInteger toBig(Object o) {
        if (o instanceof BigInteger b) {
            return b;
        }
        if (o instanceof Boolean b) {
            return b ? BigInteger.ONE : BigInteger.ZERO;
        }
        return BigInteger.valueOf(((Number) o).longValue());
    }

    static double toDouble(Object o) {
        if (o instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return ((Number) o).doubleValue();
    }

    static Object normalize(BigInteger value) {
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    /** An int argument (index, count...), as a Java int; a bool counts, as in Python. */
    static int toIndex(Object o, String what) {
        if (!isInt(o) && !(o instanceof Boolean)) {
            throw new EvalError(what + " must be an integer, not '" + PyTypes.name(o) + "'");
        }
        BigInteger b = toBig(o);
        if (b.bitLength() > 31) {
            throw new EvalError(what + " is too large: " + b);
        }
        return b.intValue();
    }
}
