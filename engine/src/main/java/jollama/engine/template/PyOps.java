package jollama.engine.template;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Python's truthiness, equality, ordering, membership and arithmetic on template values. */
final class PyOps {

    private PyOps() {
    }

    static boolean truthy(Object v) {
        if (v == null || v instanceof Undefined) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (PyNumbers.isInt(v)) {
            return PyNumbers.toBig(v).signum() != 0;
        }
        if (PyNumbers.isFloat(v)) {
            return ((Number) v).doubleValue() != 0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof List<?> l) {
            return !l.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    static boolean equal(Object a, Object b) {
        if (a instanceof Undefined || b instanceof Undefined) {
            return a instanceof Undefined && b instanceof Undefined;
        }
        if (a == null || b == null) {
            return a == b;
        }
        if (PyNumbers.isNumeric(a) && PyNumbers.isNumeric(b)) {
            return compareNumbers(a, b) == 0;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !equal(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** Python's ordering for {@code < > <= >=}: numbers, strings, lists; anything else is a TypeError. */
    static int compare(Object a, Object b, String op) {
        if (a instanceof Undefined u) {
            throw u.fail();
        }
        if (b instanceof Undefined u) {
            throw u.fail();
        }
        if (PyNumbers.isNumeric(a) && PyNumbers.isNumeric(b)) {
            return compareNumbers(a, b);
        }
        if (a instanceof String x && b instanceof String y) {
            return compareCodePoints(x, y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return compare(x.get(i), y.get(i), op);
                }
            }
            return Integer.compare(x.size(), y.size());
        }
        throw new EvalError("'" + op + "' not supported between instances of '" + PyTypes.name(a)
                + "' and '" + PyTypes.name(b) + "'");
    }

    private static int compareNumbers(Object a, Object b) {
        if (PyNumbers.isFloat(a) || PyNumbers.isFloat(b)) {
            return Double.compare(PyNumbers.toDouble(a), PyNumbers.toDouble(b));
        }
        return PyNumbers.toBig(a).compareTo(PyNumbers.toBig(b));
    }

    private static int compareCodePoints(String x, String y) {
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int cx = x.codePointAt(i);
            int cy = y.codePointAt(j);
            if (cx != cy) {
                return Integer.compare(cx, cy);
            }
            i += Character.charCount(cx);
            j += Character.charCount(cy);
        }
        return Boolean.compare(i < x.length(), j < y.length());
    }

    /** {@code item in container}. */
    static boolean contains(Object container, Object item) {
        if (container instanceof String s) {
            if (!(item instanceof String sub)) {
                throw new EvalError("'in <string>' requires string as left operand, not " + PyTypes.name(item));
            }
            return s.contains(sub);
        }
        if (container instanceof List<?> list) {
            for (Object o : list) {
                if (equal(o, item)) {
                    return true;
                }
            }
            return false;
        }
        if (container instanceof Map<?, ?> map) {
            return map.containsKey(item);
        }
        if (container instanceof Undefined) {
            return false;
        }
        throw new EvalError("argument of type '" + PyTypes.name(container) + "' is not iterable");
    }

    static Object binary(String op, Object a, Object b) {
        if (op.equals("~")) {
            return PyStr.str(a) + PyStr.str(b);
        }
        if (a instanceof Undefined u) {
            throw u.fail();
        }
        if (b instanceof Undefined u) {
            throw u.fail();
        }
        if (PyNumbers.isNumeric(a) && PyNumbers.isNumeric(b)) {
            return arithmetic(op, a, b);
        }
        switch (op) {
            case "+" -> {
                if (a instanceof String x && b instanceof String y) {
                    return x + y;
                }
                if (a instanceof List<?> x && b instanceof List<?> y) {
                    List<Object> joined = new java.util.ArrayList<>(x);
                    joined.addAll(y);
                    return joined;
                }
                if (a instanceof String) {
                    throw new EvalError("can only concatenate str (not \"" + PyTypes.name(b) + "\") to str");
                }
            }
            case "*" -> {
                if ((a instanceof String || a instanceof List) && isIntLike(b)) {
                    return repeat(a, PyNumbers.toIndex(b, "repeat count"));
                }
                if ((b instanceof String || b instanceof List) && isIntLike(a)) {
                    return repeat(b, PyNumbers.toIndex(a, "repeat count"));
                }
            }
            case "%" -> {
                if (a instanceof String) {
                    throw new EvalError("unsupported construct: printf-style string formatting with '%'");
                }
            }
            default -> { }
        }
        throw new EvalError("unsupported operand type(s) for " + op + ": '" + PyTypes.name(a) + "' and '"
                + PyTypes.name(b) + "'");
    }

    private static boolean isIntLike(Object o) {
        return PyNumbers.isInt(o) || o instanceof Boolean;
    }

    private static Object repeat(Object sequence, int times) {
        if (sequence instanceof String s) {
            return s.repeat(Math.max(0, times));
        }
        List<?> list = (List<?>) sequence;
        List<Object> out = new java.util.ArrayList<>();
        for (int i = 0; i < times; i++) {
            out.addAll(list);
        }
        return out;
    }

    private static Object arithmetic(String op, Object a, Object b) {
        boolean floats = PyNumbers.isFloat(a) || PyNumbers.isFloat(b);
        if (op.equals("/")) {
            double divisor = PyNumbers.toDouble(b);
            if (divisor == 0) {
                throw new EvalError("division by zero");
            }
            return PyNumbers.toDouble(a) / divisor;
        }
        if (floats) {
            double x = PyNumbers.toDouble(a);
            double y = PyNumbers.toDouble(b);
            return switch (op) {
                case "+" -> x + y;
                case "-" -> x - y;
                case "*" -> x * y;
                case "**" -> power(x, y);
                case "//" -> Math.floor(nonZero(x, y) / y);
                case "%" -> {
                    double r = nonZero(x, y) % y;
                    yield r != 0 && (r < 0) != (y < 0) ? r + y : r;
                }
                default -> throw new IllegalStateException(op);
            };
        }
        BigInteger x = PyNumbers.toBig(a);
        BigInteger y = PyNumbers.toBig(b);
        return switch (op) {
            case "+" -> PyNumbers.normalize(x.add(y));
            case "-" -> PyNumbers.normalize(x.subtract(y));
            case "*" -> PyNumbers.normalize(x.multiply(y));
            case "**" -> y.signum() < 0 ? power(x.doubleValue(), y.doubleValue())
                    : PyNumbers.normalize(x.pow(PyNumbers.toIndex(y, "exponent")));
            case "//" -> {
                BigInteger[] qr = nonZero(x, y).divideAndRemainder(y);
                yield PyNumbers.normalize(qr[1].signum() != 0 && qr[1].signum() != y.signum()
                        ? qr[0].subtract(BigInteger.ONE) : qr[0]);
            }
            case "%" -> {
                BigInteger r = nonZero(x, y).remainder(y);
                yield PyNumbers.normalize(r.signum() != 0 && r.signum() != y.signum() ? r.add(y) : r);
            }
            default -> throw new IllegalStateException(op);
        };
    }

    /** Python's float power: errors where Java quietly gives infinity. */
    private static double power(double x, double y) {
        if (x == 0 && y < 0) {
            throw new EvalError("0.0 cannot be raised to a negative power");
        }
        double result = Math.pow(x, y);
        if (Double.isInfinite(result) && Double.isFinite(x) && Double.isFinite(y)) {
            throw new EvalError("numerical result out of range");
        }
        return result;
    }

    private static double nonZero(double x, double y) {
        if (y == 0) {
            throw new EvalError("division by zero");
        }
        return x;
    }

    private static BigInteger nonZero(BigInteger x, BigInteger y) {
        if (y.signum() == 0) {
            throw new EvalError("division by zero");
        }
        return x;
    }

    static Object negate(Object v) {
        if (v instanceof Undefined u) {
            throw u.fail();
        }
        if (PyNumbers.isFloat(v)) {
            return -((Number) v).doubleValue();
        }
        if (PyNumbers.isInt(v) || v instanceof Boolean) {
            return PyNumbers.normalize(PyNumbers.toBig(v).negate());
        }
        throw new EvalError("bad operand type for unary -: '" + PyTypes.name(v) + "'");
    }
}
