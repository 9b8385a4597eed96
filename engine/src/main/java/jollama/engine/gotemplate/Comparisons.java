package jollama.engine.gotemplate;

import java.util.List;

/**
 * Go's eq, ne, lt, le, gt and ge: only basic kinds (bool, int, float, string) compare, and only
 * with the same kind; nil equals only nil (or a nil slice or map), and compares unequal, without
 * error, to anything else.
 */
final class Comparisons {

    private static final String BAD_TYPE = "invalid type for comparison";
    private static final String BAD_COMPARISON = "incompatible types for comparison";

    private Comparisons() {
    }

    private enum Kind { INVALID, BOOL, INT, FLOAT, STRING, COMPOSITE }

    private static Kind kind(Object v) {
        return switch (v) {
            case null -> Kind.INVALID;
            case Boolean b -> Kind.BOOL;
            case Long l -> Kind.INT;
            case Double d -> Kind.FLOAT;
            case String s -> Kind.STRING;
            default -> Kind.COMPOSITE;
        };
    }

    static boolean eq(List<Object> args) throws GoFunction.Failure {
        if (args.size() < 2) {
            throw new GoFunction.Failure("missing argument for comparison");
        }
        Object a = args.getFirst();
        Kind k1 = kind(a);
        for (Object b : args.subList(1, args.size())) {
            Kind k2 = kind(b);
            boolean truth;
            if (k1 != k2) {
                if (a != null && b != null && k1 != Kind.COMPOSITE && k2 != Kind.COMPOSITE) {
                    throw new GoFunction.Failure(BAD_COMPARISON);
                }
                if (a != null && b != null) {
                    throw new GoFunction.Failure(BAD_COMPARISON);
                }
                // One side is nil: equal only when the other is a nil slice or map.
                Object other = a == null ? b : a;
                truth = isNil(other);
            } else {
                truth = switch (k1) {
                    case INVALID -> true;
                    case BOOL, INT, STRING -> a.equals(b);
                    case FLOAT -> (double) (Double) a == (double) (Double) b;
                    case COMPOSITE -> throw new GoFunction.Failure("non-comparable types " + GoFmt.value(a) + ": "
                            + GoValues.typeName(a) + ", " + GoValues.typeName(b) + ": " + GoFmt.value(b));
                };
            }
            if (truth) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNil(Object v) {
        return switch (v) {
            case GoSlice s -> s.isNil();
            case GoMap m -> m.isNil();
            case GoBytes b -> b.bytes() == null;
            default -> false;
        };
    }

    static boolean lt(Object a, Object b) throws GoFunction.Failure {
        Kind k1 = kind(a);
        Kind k2 = kind(b);
        if (k1 == Kind.INVALID || k1 == Kind.COMPOSITE || k2 == Kind.INVALID || k2 == Kind.COMPOSITE) {
            throw new GoFunction.Failure(BAD_TYPE);
        }
        if (k1 != k2) {
            throw new GoFunction.Failure(BAD_COMPARISON);
        }
        return switch (k1) {
            case INT -> (Long) a < (Long) b;
            case FLOAT -> (Double) a < (Double) b;
            case STRING -> GoMap.compareGoStrings((String) a, (String) b) < 0;
            default -> throw new GoFunction.Failure(BAD_TYPE);
        };
    }

    static boolean le(Object a, Object b) throws GoFunction.Failure {
        return lt(a, b) || eq(java.util.Arrays.asList(a, b));
    }
}
