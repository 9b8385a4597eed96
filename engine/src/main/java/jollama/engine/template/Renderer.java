package jollama.engine.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Executes statements, writing the prompt; also runs macro bodies for the evaluator. One per render. */
final class Renderer {

    /** How a body finished: normally, or at a break / continue that the enclosing loop handles. */
    enum Flow { NORMAL, BREAK, CONTINUE }

    /** Macro calls may nest this deep; a runaway recursive macro fails instead of overflowing the stack. */
    private static final int MAX_MACRO_DEPTH = 100;

    private final Source source;
    private final Evaluator evaluator;
    private int macroDepth;

    Renderer(Source source) {
        this.source = source;
        this.evaluator = new Evaluator(source, this);
    }

    Flow render(List<Node> nodes, Scope scope, StringBuilder out) {
        for (Node node : nodes) {
            Flow flow = render(node, scope, out);
            if (flow != Flow.NORMAL) {
                return flow;
            }
        }
        return Flow.NORMAL;
    }

    private Flow render(Node node, Scope scope, StringBuilder out) {
        switch (node) {
            case Node.Text t -> out.append(t.text());
            case Node.Output o -> {
                Object value = evaluator.eval(o.expr(), scope);
                out.append(at(o.pos(), () -> PyStr.str(value)));
            }
            case Node.If i -> {
                for (int k = 0; k < i.conditions().size(); k++) {
                    if (PyOps.truthy(evaluator.eval(i.conditions().get(k), scope))) {
                        return render(i.bodies().get(k), scope, out);
                    }
                }
                return render(i.elseBody(), scope, out);
            }
            case Node.For f -> {
                return loop(f, scope, out);
            }
            case Node.Set s -> {
                Object value = evaluator.eval(s.value(), scope);
                at(s.pos(), () -> assign(s.target(), value, scope));
            }
            case Node.SetBlock s -> {
                StringBuilder captured = new StringBuilder();
                render(s.body(), scope.child(), captured);
                scope.set(s.name(), captured.toString());
            }
            case Node.Macro m -> scope.set(m.name(), new MacroValue(m, scope));
            case Node.Generation g -> {
                return render(g.body(), scope.child(), out);
            }
            case Node.Break _ -> {
                return Flow.BREAK;
            }
            case Node.Continue _ -> {
                return Flow.CONTINUE;
            }
        }
        return Flow.NORMAL;
    }

    /**
     * A for loop: each iteration gets a fresh scope holding the target and {@code loop}, so sets
     * in the body do not outlive it (namespace attributes do); {@code else} runs only when no
     * item was iterated, after the optional filter.
     */
    private Flow loop(Node.For f, Scope scope, StringBuilder out) {
        Object iterable = evaluator.eval(f.iterable(), scope);
        List<Object> items = at(f.pos(), () -> Access.iterate(iterable));
        if (f.filter() != null) {
            List<Object> kept = new ArrayList<>();
            for (Object item : items) {
                Scope probe = scope.child();
                at(f.pos(), () -> assign(f.target(), item, probe));
                if (PyOps.truthy(evaluator.eval(f.filter(), probe))) {
                    kept.add(item);
                }
            }
            items = kept;
        }
        if (items.isEmpty()) {
            return render(f.elseBody(), scope.child(), out);
        }
        for (int i = 0; i < items.size(); i++) {
            Scope iteration = scope.child();
            Object item = items.get(i);
            at(f.pos(), () -> assign(f.target(), item, iteration));
            iteration.set("loop", new LoopInfo(i, items.size(), i > 0 ? items.get(i - 1) : null,
                    i + 1 < items.size() ? items.get(i + 1) : null));
            if (render(f.body(), iteration, out) == Flow.BREAK) {
                break;
            }
        }
        return Flow.NORMAL;
    }

    private static Void assign(Node.Target target, Object value, Scope scope) {
        switch (target) {
            case Node.Target.Name n -> scope.set(n.name(), value);
            case Node.Target.Tuple t -> {
                List<Object> values = Access.iterate(value);
                if (values.size() != t.names().size()) {
                    throw new EvalError(values.size() < t.names().size()
                            ? "not enough values to unpack (expected " + t.names().size() + ", got " + values.size() + ")"
                            : "too many values to unpack (expected " + t.names().size() + ")");
                }
                for (int i = 0; i < values.size(); i++) {
                    scope.set(t.names().get(i), values.get(i));
                }
            }
            case Node.Target.Attribute a -> {
                Object ns = scope.lookup(a.name());
                if (!(ns instanceof Namespace namespace)) {
                    throw new EvalError("cannot assign attribute '" + a.attribute() + "' on "
                            + (ns == Scope.MISSING ? "undefined '" + a.name() + "'" : "non-namespace object '" + a.name() + "'"));
                }
                namespace.set(a.attribute(), value);
            }
        }
        return null;
    }

    String callMacro(MacroValue macro, Args args) {
        Node.Macro definition = macro.definition();
        List<String> params = definition.params();
        if (args.positional().size() > params.size()) {
            throw new EvalError("macro '" + definition.name() + "' takes not more than " + params.size()
                    + " argument(s)");
        }
        for (String keyword : args.keywords().keySet()) {
            int index = params.indexOf(keyword);
            if (index < 0) {
                throw new EvalError("macro '" + definition.name() + "' takes no keyword argument '" + keyword + "'");
            }
            if (index < args.positional().size()) {
                throw new EvalError("macro '" + definition.name() + "' got multiple values for argument '" + keyword + "'");
            }
        }
        Scope scope = macro.closure().child();
        Map<String, Object> keywords = args.keywords();
        for (int i = 0; i < params.size(); i++) {
            String param = params.get(i);
            Object value;
            if (i < args.positional().size()) {
                value = args.positional().get(i);
            } else if (keywords.containsKey(param)) {
                value = keywords.get(param);
            } else if (definition.defaults().get(i) != null) {
                value = evaluator.eval(definition.defaults().get(i), scope);
            } else {
                value = new Undefined("parameter '" + param + "' was not provided");
            }
            scope.set(param, value);
        }
        if (macroDepth >= MAX_MACRO_DEPTH) {
            throw new EvalError("macro '" + definition.name() + "' nested deeper than " + MAX_MACRO_DEPTH + " calls");
        }
        StringBuilder out = new StringBuilder();
        macroDepth++;
        try {
            render(definition.body(), scope, out);
        } finally {
            macroDepth--;
        }
        return out.toString();
    }

    /** Runs a step that may raise a Python-level error, reporting it at {@code pos}. */
    private <T> T at(int pos, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (EvalError error) {
            throw source.error(error.getMessage(), pos);
        }
    }
}
