package jollama.engine.template;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for Jinja expressions, with Jinja's precedence from loosest to
 * tightest: conditional, or, and, not, comparisons (incl. in / not in), + -, ~, * / // %, **,
 * unary - +, then postfix (.attr, [index], [slice], call) and filters / tests.
 * So {@code messages|length - 1} is {@code (messages|length) - 1}.
 */
final class ExpressionParser {

    private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", ">", "<=", ">=");

    private final TokenStream in;

    ExpressionParser(TokenStream in) {
        this.in = in;
    }

    /** A full expression, including the inline {@code x if c else y}. */
    Expr expression() {
        return conditional();
    }

    /** An expression without a top-level inline if, as after {@code {% if} and {@code for ... in}. */
    Expr orExpression() {
        return or();
    }

    /** {@code a, b} at the top of a statement: a tuple when there is a comma. */
    Expr tuple(boolean withConditional) {
        int pos = in.peek().pos();
        Expr first = withConditional ? expression() : or();
        if (!in.peek().isOperator(",")) {
            return first;
        }
        List<Expr> items = new ArrayList<>(List.of(first));
        while (in.skipOperator(",")) {
            if (!startsExpression(in.peek())) {
                break;
            }
            items.add(withConditional ? expression() : or());
        }
        return new Expr.ListLiteral(items, pos);
    }

    private static boolean startsExpression(Token t) {
        return switch (t.type()) {
            case NAME -> !t.text().equals("if") && !t.text().equals("in") && !t.text().equals("recursive");
            case STRING, INTEGER, FLOAT -> true;
            case OPERATOR -> t.text().equals("(") || t.text().equals("[") || t.text().equals("{")
                    || t.text().equals("-") || t.text().equals("+");
            default -> false;
        };
    }

    private Expr conditional() {
        Expr result = or();
        while (in.peek().isName("if")) {
            int pos = in.next().pos();
            Expr condition = or();
            Expr otherwise = in.skipName("else") ? conditional() : null;
            result = new Expr.Conditional(result, condition, otherwise, pos);
        }
        return result;
    }

    private Expr or() {
        Expr left = and();
        while (in.peek().isName("or")) {
            int pos = in.next().pos();
            left = new Expr.Logical(false, left, and(), pos);
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (in.peek().isName("and")) {
            int pos = in.next().pos();
            left = new Expr.Logical(true, left, not(), pos);
        }
        return left;
    }

    private Expr not() {
        if (in.peek().isName("not")) {
            int pos = in.next().pos();
            return new Expr.Not(not(), pos);
        }
        return compare();
    }

    private Expr compare() {
        int pos = in.peek().pos();
        Expr first = math1();
        List<String> ops = new ArrayList<>();
        List<Expr> rest = new ArrayList<>();
        while (true) {
            Token t = in.peek();
            if (t.type() == Token.Type.OPERATOR && COMPARISONS.contains(t.text())) {
                in.next();
                ops.add(t.text());
            } else if (t.isName("in")) {
                in.next();
                ops.add("in");
            } else if (t.isName("not") && in.peek(1).isName("in")) {
                in.next();
                in.next();
                ops.add("notin");
            } else {
                break;
            }
            rest.add(math1());
        }
        return ops.isEmpty() ? first : new Expr.Compare(first, ops, rest, pos);
    }

    private Expr math1() {
        Expr left = concat();
        while (in.peek().isOperator("+") || in.peek().isOperator("-")) {
            Token op = in.next();
            left = new Expr.Binary(op.text(), left, concat(), op.pos());
        }
        return left;
    }

    private Expr concat() {
        Expr left = math2();
        while (in.peek().isOperator("~")) {
            Token op = in.next();
            left = new Expr.Binary("~", left, math2(), op.pos());
        }
        return left;
    }

    private Expr math2() {
        Expr left = pow();
        while (true) {
            Token t = in.peek();
            if (t.isOperator("*") || t.isOperator("/") || t.isOperator("//") || t.isOperator("%")) {
                in.next();
                left = new Expr.Binary(t.text(), left, pow(), t.pos());
            } else {
                return left;
            }
        }
    }

    private Expr pow() {
        Expr left = unary(true);
        while (in.peek().isOperator("**")) {
            Token op = in.next();
            left = new Expr.Binary("**", left, unary(true), op.pos());
        }
        return left;
    }

    private Expr unary(boolean withFilters) {
        Token t = in.peek();
        Expr node;
        if (t.isOperator("-")) {
            in.next();
            node = new Expr.Negate(unary(false), t.pos());
        } else if (t.isOperator("+")) {
            in.next();
            node = new Expr.Plus(unary(false), t.pos());
        } else {
            node = primary();
        }
        node = postfix(node);
        return withFilters ? filtersAndTests(node) : node;
    }

    private Expr primary() {
        Token t = in.next();
        switch (t.type()) {
            case NAME -> {
                return switch (t.text()) {
                    case "true", "True" -> new Expr.Literal(Boolean.TRUE, t.pos());
                    case "false", "False" -> new Expr.Literal(Boolean.FALSE, t.pos());
                    case "none", "None" -> new Expr.Literal(null, t.pos());
                    default -> new Expr.Name(t.text(), t.pos());
                };
            }
            case STRING -> {
                // Adjacent literals concatenate, as in Python: "a" "b".
                StringBuilder value = new StringBuilder(t.text());
                while (in.peek().type() == Token.Type.STRING) {
                    value.append(in.next().text());
                }
                return new Expr.Literal(value.toString(), t.pos());
            }
            case INTEGER -> {
                return new Expr.Literal(PyNumbers.normalize(new BigInteger(t.text())), t.pos());
            }
            case FLOAT -> {
                return new Expr.Literal(Double.parseDouble(t.text()), t.pos());
            }
            case OPERATOR -> {
                switch (t.text()) {
                    case "(" -> {
                        return parenthesized(t.pos());
                    }
                    case "[" -> {
                        return new Expr.ListLiteral(items("]"), t.pos());
                    }
                    case "{" -> {
                        return dict(t.pos());
                    }
                    default -> { }
                }
            }
            default -> { }
        }
        throw in.fail("unexpected " + t.describe(), t);
    }

    private Expr parenthesized(int pos) {
        if (in.skipOperator(")")) {
            return new Expr.ListLiteral(List.of(), pos);
        }
        Expr first = expression();
        if (in.skipOperator(")")) {
            return first;
        }
        in.expectOperator(",");
        List<Expr> items = new ArrayList<>(List.of(first));
        items.addAll(items(")"));
        return new Expr.ListLiteral(items, pos);
    }

    /** Comma-separated expressions up to the closing operator, a trailing comma allowed. */
    private List<Expr> items(String close) {
        List<Expr> items = new ArrayList<>();
        while (!in.skipOperator(close)) {
            if (!items.isEmpty()) {
                in.expectOperator(",");
                if (in.skipOperator(close)) {
                    break;
                }
            }
            items.add(expression());
        }
        return items;
    }

    private Expr dict(int pos) {
        List<Expr> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        while (!in.skipOperator("}")) {
            if (!keys.isEmpty()) {
                in.expectOperator(",");
                if (in.skipOperator("}")) {
                    break;
                }
            }
            keys.add(expression());
            in.expectOperator(":");
            values.add(expression());
        }
        return new Expr.DictLiteral(keys, values, pos);
    }

    private Expr postfix(Expr node) {
        while (true) {
            Token t = in.peek();
            if (t.isOperator(".")) {
                in.next();
                Token attr = in.next();
                if (attr.type() == Token.Type.NAME) {
                    node = new Expr.GetAttr(node, attr.text(), t.pos());
                } else if (attr.type() == Token.Type.INTEGER) {
                    Expr index = new Expr.Literal(PyNumbers.normalize(new BigInteger(attr.text())), attr.pos());
                    node = new Expr.GetItem(node, index, t.pos());
                } else {
                    throw in.fail("expected an attribute name after '.' but found " + attr.describe(), attr);
                }
            } else if (t.isOperator("[")) {
                in.next();
                node = subscript(node, t.pos());
            } else if (t.isOperator("(")) {
                node = call(node);
            } else {
                return node;
            }
        }
    }

    private Expr subscript(Expr node, int pos) {
        Expr start = null;
        if (!in.peek().isOperator(":")) {
            start = expression();
            if (in.skipOperator("]")) {
                return new Expr.GetItem(node, start, pos);
            }
            if (in.peek().isOperator(",")) {
                throw in.fail("unsupported construct: tuple subscript", in.peek());
            }
        }
        in.expectOperator(":");
        Expr stop = null;
        Expr step = null;
        if (!in.peek().isOperator(":") && !in.peek().isOperator("]")) {
            stop = expression();
        }
        if (in.skipOperator(":") && !in.peek().isOperator("]")) {
            step = expression();
        }
        in.expectOperator("]");
        return new Expr.Slice(node, start, stop, step, pos);
    }

    private Expr call(Expr callee) {
        int pos = in.peek().pos();
        Arguments a = arguments();
        return new Expr.Call(callee, a.positional, a.names, a.values, pos);
    }

    private record Arguments(List<Expr> positional, List<String> names, List<Expr> values) { }

    /** {@code (a, b, key=value)}, the opening parenthesis next. */
    private Arguments arguments() {
        in.expectOperator("(");
        Arguments a = new Arguments(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        boolean first = true;
        while (!in.skipOperator(")")) {
            if (!first) {
                in.expectOperator(",");
                if (in.skipOperator(")")) {
                    break;
                }
            }
            first = false;
            Token t = in.peek();
            if (t.isOperator("*") || t.isOperator("**")) {
                throw in.fail("unsupported construct: *args / **kwargs in a call", t);
            }
            if (t.type() == Token.Type.NAME && in.peek(1).isOperator("=")) {
                in.next();
                in.next();
                a.names.add(t.text());
                a.values.add(expression());
            } else {
                if (!a.names.isEmpty()) {
                    throw in.fail("positional argument after keyword argument", t);
                }
                a.positional.add(expression());
            }
        }
        return a;
    }

    private Expr filtersAndTests(Expr node) {
        while (true) {
            Token t = in.peek();
            if (t.isOperator("|")) {
                in.next();
                node = filter(node);
            } else if (t.isName("is")) {
                in.next();
                node = test(node, t.pos());
            } else if (t.isOperator("(")) {
                node = call(node);
            } else {
                return node;
            }
        }
    }

    private Expr filter(Expr value) {
        // Like Jinja 3, an unknown filter or test fails only if evaluated, so templates that
        // guard an exotic filter behind a branch still render.
        Token name = in.expect(Token.Type.NAME, "a filter name");
        if (in.peek().isOperator("(")) {
            Arguments a = arguments();
            return new Expr.Filter(value, name.text(), a.positional, a.names, a.values, name.pos());
        }
        return new Expr.Filter(value, name.text(), List.of(), List.of(), List.of(), name.pos());
    }

    private Expr test(Expr value, int pos) {
        boolean negated = in.skipName("not");
        Token name = in.expect(Token.Type.NAME, "a test name");
        List<Expr> args = List.of();
        Token t = in.peek();
        if (t.isOperator("(")) {
            Arguments a = arguments();
            if (!a.names.isEmpty()) {
                throw in.fail("unsupported construct: keyword arguments to a test", t);
            }
            args = a.positional;
        } else if (startsTestArgument(t)) {
            // Jinja allows one bare argument: "x is divisibleby 3", "x is sameas none".
            args = List.of(postfix(primary()));
        }
        Expr test = new Expr.Test(value, name.text(), args, name.pos());
        return negated ? new Expr.Not(test, pos) : test;
    }

    private static boolean startsTestArgument(Token t) {
        return switch (t.type()) {
            case NAME -> !Set.of("else", "or", "and", "if", "is", "in", "not").contains(t.text());
            case STRING, INTEGER, FLOAT -> true;
            case OPERATOR -> t.text().equals("[") || t.text().equals("{");
            default -> false;
        };
    }
}
