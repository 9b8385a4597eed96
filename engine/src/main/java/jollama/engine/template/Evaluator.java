package jollama.engine.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Evaluates expressions to template values (see {@link PyOps} for the value model). */
final class Evaluator {

    private final Source source;
    private final Renderer renderer;

    Evaluator(Source source, Renderer renderer) {
        this.source = source;
        this.renderer = renderer;
    }

    Object eval(Expr e, Scope scope) {
        try {
            return evaluate(e, scope);
        } catch (EvalError error) {
            // The innermost expression that failed names the position.
            throw source.error(error.getMessage(), e.pos());
        }
    }

    private Object evaluate(Expr e, Scope scope) {
        return switch (e) {
            case Expr.Literal l -> l.value();
            case Expr.ListLiteral l -> {
                List<Object> items = new ArrayList<>();
                for (Expr item : l.items()) {
                    items.add(eval(item, scope));
                }
                yield items;
            }
            case Expr.DictLiteral d -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < d.keys().size(); i++) {
                    map.put(eval(d.keys().get(i), scope), eval(d.values().get(i), scope));
                }
                yield map;
            }
            case Expr.Name n -> {
                Object value = scope.lookup(n.name());
                yield value == Scope.MISSING ? new Undefined("'" + n.name() + "' is undefined") : value;
            }
            case Expr.GetAttr g -> Access.attribute(eval(g.object(), scope), g.name());
            case Expr.GetItem g -> Access.item(eval(g.object(), scope), eval(g.key(), scope));
            case Expr.Slice s -> Access.slice(eval(s.object(), scope), optional(s.start(), scope),
                    optional(s.stop(), scope), optional(s.step(), scope));
            case Expr.Call c -> call(eval(c.callee(), scope),
                    args(calleeName(c.callee()), c.args(), c.kwargNames(), c.kwargValues(), scope));
            case Expr.Filter f -> Filters.apply(f.name(), eval(f.value(), scope),
                    args(f.name(), f.args(), f.kwargNames(), f.kwargValues(), scope));
            case Expr.Test t -> IsTests.apply(t.name(), eval(t.value(), scope), values(t.args(), scope));
            case Expr.Not n -> !PyOps.truthy(eval(n.operand(), scope));
            case Expr.Negate n -> PyOps.negate(eval(n.operand(), scope));
            case Expr.Plus p -> {
                Object v = eval(p.operand(), scope);
                if (!PyNumbers.isNumeric(v)) {
                    throw new EvalError("bad operand type for unary +: '" + PyTypes.name(v) + "'");
                }
                yield v instanceof Boolean b ? (b ? 1L : 0L) : v;
            }
            case Expr.Binary b -> PyOps.binary(b.op(), eval(b.left(), scope), eval(b.right(), scope));
            case Expr.Logical l -> {
                Object left = eval(l.left(), scope);
                yield PyOps.truthy(left) == l.isAnd() ? eval(l.right(), scope) : left;
            }
            case Expr.Compare c -> compare(c, scope);
            case Expr.Conditional c -> {
                if (PyOps.truthy(eval(c.condition(), scope))) {
                    yield eval(c.then(), scope);
                }
                yield c.otherwise() != null ? eval(c.otherwise(), scope)
                        : new Undefined("the inline if-expression evaluated to false and no else section was defined");
            }
        };
    }

    private Object optional(Expr e, Scope scope) {
        return e == null ? null : eval(e, scope);
    }

    private List<Object> values(List<Expr> exprs, Scope scope) {
        List<Object> out = new ArrayList<>();
        for (Expr e : exprs) {
            out.add(eval(e, scope));
        }
        return out;
    }

    private Args args(String function, List<Expr> positional, List<String> names, List<Expr> values, Scope scope) {
        Map<String, Object> keywords = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (keywords.containsKey(names.get(i))) {
                throw new EvalError(function + "() got multiple values for keyword argument '" + names.get(i) + "'");
            }
            keywords.put(names.get(i), eval(values.get(i), scope));
        }
        return new Args(function, values(positional, scope), keywords);
    }

    private static String calleeName(Expr callee) {
        return switch (callee) {
            case Expr.Name n -> n.name();
            case Expr.GetAttr g -> g.name();
            default -> "function";
        };
    }

    private Object call(Object callee, Args args) {
        return switch (callee) {
            case Builtin b -> Globals.call(b, args);
            case BoundMethod m -> Methods.call(m, args);
            case MacroValue m -> renderer.callMacro(m, args);
            case TemplateFunction f -> f.call(args.positional(), args.keywords());
            case Undefined u -> throw u.fail();
            case null, default -> throw new EvalError("'" + PyTypes.name(callee) + "' object is not callable");
        };
    }

    private Object compare(Expr.Compare c, Scope scope) {
        Object left = eval(c.first(), scope);
        for (int i = 0; i < c.ops().size(); i++) {
            Object right = eval(c.rest().get(i), scope);
            String op = c.ops().get(i);
            boolean holds = switch (op) {
                case "==" -> PyOps.equal(left, right);
                case "!=" -> !PyOps.equal(left, right);
                case "<" -> PyOps.compare(left, right, op) < 0;
                case ">" -> PyOps.compare(left, right, op) > 0;
                case "<=" -> PyOps.compare(left, right, op) <= 0;
                case ">=" -> PyOps.compare(left, right, op) >= 0;
                case "in" -> PyOps.contains(right, left);
                case "notin" -> !PyOps.contains(right, left);
                default -> throw new IllegalStateException(op);
            };
            if (!holds) {
                return false;
            }
            left = right;
        }
        return true;
    }
}
