package jollama.engine.template;

import java.util.List;

/** Expression AST; {@code pos} is the source offset errors are reported at. */
sealed interface Expr {

    int pos();

    /** A string, number, boolean or none literal. */
    record Literal(Object value, int pos) implements Expr { }

    /** {@code [a, b]}, and tuples {@code (a, b)}, which behave the same here. */
    record ListLiteral(List<Expr> items, int pos) implements Expr { }

    record DictLiteral(List<Expr> keys, List<Expr> values, int pos) implements Expr { }

    record Name(String name, int pos) implements Expr { }

    /** {@code obj.name}: attribute first, then item, as Jinja's getattr does. */
    record GetAttr(Expr object, String name, int pos) implements Expr { }

    /** {@code obj[key]}: item first, then attribute. */
    record GetItem(Expr object, Expr key, int pos) implements Expr { }

    /** {@code obj[start:stop:step]}; absent parts are null. */
    record Slice(Expr object, Expr start, Expr stop, Expr step, int pos) implements Expr { }

    record Call(Expr callee, List<Expr> args, List<String> kwargNames, List<Expr> kwargValues, int pos)
            implements Expr { }

    record Filter(Expr value, String name, List<Expr> args, List<String> kwargNames, List<Expr> kwargValues,
                  int pos) implements Expr { }

    /** {@code value is name(args)}; {@code is not} wraps this in {@link Not}. */
    record Test(Expr value, String name, List<Expr> args, int pos) implements Expr { }

    record Not(Expr operand, int pos) implements Expr { }

    record Negate(Expr operand, int pos) implements Expr { }

    record Plus(Expr operand, int pos) implements Expr { }

    /** Arithmetic and {@code ~}: {@code + - * / // % ** ~}. */
    record Binary(String op, Expr left, Expr right, int pos) implements Expr { }

    /** {@code and} / {@code or}, which short-circuit and yield an operand, as in Python. */
    record Logical(boolean isAnd, Expr left, Expr right, int pos) implements Expr { }

    /** A comparison chain {@code a < b <= c}; ops are {@code == != < > <= >= in notin}. */
    record Compare(Expr first, List<String> ops, List<Expr> rest, int pos) implements Expr { }

    /** {@code then if condition else otherwise}; otherwise may be null (yields undefined). */
    record Conditional(Expr then, Expr condition, Expr otherwise, int pos) implements Expr { }
}
