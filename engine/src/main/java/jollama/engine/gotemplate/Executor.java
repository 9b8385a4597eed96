package jollama.engine.gotemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Executes a parsed template on data, with Go's text/template semantics: missing map keys
 * yield the element type's zero value ({@code missingkey=zero}, as Ollama sets it; for
 * {@code interface{}} elements that is nil, which prints as {@code <no value>}), field access
 * through a nil value is an error, truth is Go's, and {@code break}/{@code continue} leave the
 * innermost {@code range}. One Executor runs one execution.
 */
final class Executor {

    /** Go limits nested {@code template} calls; 1000 keeps the Java stack safe. */
    private static final int MAX_DEPTH = 1000;

    /** Stands for "no piped value" (Go's missingVal), which differs from a piped nil. */
    private static final Object MISSING = new Object();

    private enum Flow { NORMAL, BREAK, CONTINUE }

    private final ParsedTemplate template;
    private final String name;
    private final Map<String, GoFunction> functions;
    private final StringBuilder out;
    private Variables vars;
    private int depth;

    private Executor(ParsedTemplate template, String name, Map<String, GoFunction> functions, StringBuilder out,
                     Object data) {
        this.template = template;
        this.name = name;
        this.functions = functions;
        this.out = out;
        this.vars = new Variables(data);
    }

    static void execute(ParsedTemplate template, String name, Map<String, GoFunction> functions, Object data,
                        StringBuilder out) {
        new Executor(template, name, functions, out, data).walk(data, template.root());
    }

    private Flow walk(Object dot, List<Node> nodes) {
        for (Node node : nodes) {
            Flow flow = walk(dot, node);
            if (flow != Flow.NORMAL) {
                return flow;
            }
        }
        return Flow.NORMAL;
    }

    private Flow walk(Object dot, Node node) {
        switch (node) {
            case Node.Text t -> out.append(t.text());
            case Node.Action a -> {
                Object value = evalPipeline(dot, a.pipe());
                if (a.pipe().decl().isEmpty()) {
                    out.append(value == null ? "<no value>" : GoFmt.value(value));
                }
            }
            case Node.If i -> {
                return walkIfOrWith(dot, i.pipe(), i.body(), i.elseBody(), false);
            }
            case Node.With w -> {
                return walkIfOrWith(dot, w.pipe(), w.body(), w.elseBody(), true);
            }
            case Node.Range r -> walkRange(dot, r);
            case Node.TemplateCall t -> walkTemplate(dot, t);
            case Node.Break b -> {
                return Flow.BREAK;
            }
            case Node.Continue c -> {
                return Flow.CONTINUE;
            }
        }
        return Flow.NORMAL;
    }

    private Flow walkIfOrWith(Object dot, Pipeline pipe, List<Node> body, List<Node> elseBody, boolean isWith) {
        int mark = vars.mark();
        try {
            Object value = evalPipeline(dot, pipe);
            if (GoValues.isTrue(value)) {
                return walk(isWith ? value : dot, body);
            } else if (elseBody != null) {
                return walk(dot, elseBody);
            }
            return Flow.NORMAL;
        } finally {
            vars.pop(mark);
        }
    }

    private void walkRange(Object dot, Node.Range r) {
        int mark = vars.mark();
        try {
            Object value = evalPipeline(dot, r.pipe());
            int bodyMark = vars.mark();
            boolean ran = switch (value) {
                case null -> false;
                case GoSlice s -> iterate(r, bodyMark, indexed(s.elements()));
                case GoBytes b -> {
                    List<Object> bytes = new ArrayList<>();
                    for (int i = 0; i < b.length(); i++) {
                        bytes.add((long) (b.bytes()[i] & 0xFF));
                    }
                    yield iterate(r, bodyMark, indexed(bytes));
                }
                case GoMap m -> {
                    List<Object[]> pairs = new ArrayList<>();
                    for (String key : m.keys()) {
                        pairs.add(new Object[] {key, m.entries().get(key)});
                    }
                    yield iterate(r, bodyMark, pairs);
                }
                case Long n -> {
                    if (r.pipe().decl().size() > 1) {
                        throw error(r.pos(), Syntax.of(r),
                                "can't use " + n + " to iterate over more than one variable");
                    }
                    List<Object[]> numbers = new ArrayList<>();
                    for (long i = 0; i < n; i++) {
                        numbers.add(new Object[] {i, i});
                    }
                    yield iterate(r, bodyMark, numbers);
                }
                default -> throw error(r.pos(), Syntax.of(r), "range can't iterate over " + GoFmt.value(value));
            };
            if (!ran && r.elseBody() != null) {
                walk(dot, r.elseBody());
            }
        } finally {
            vars.pop(mark);
        }
    }

    private static List<Object[]> indexed(List<Object> items) {
        List<Object[]> pairs = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            pairs.add(new Object[] {(long) i, items.get(i)});
        }
        return pairs;
    }

    /** Runs the body once per (key, element) pair; returns whether there was any. */
    private boolean iterate(Node.Range r, int bodyMark, List<Object[]> pairs) {
        List<String> decl = r.pipe().decl();
        for (Object[] pair : pairs) {
            if (r.pipe().isAssign()) {
                // With one variable it gets the element; with two, index then element.
                assign(r, decl.getFirst(), decl.size() > 1 ? pair[0] : pair[1]);
                if (decl.size() > 1) {
                    assign(r, decl.get(1), pair[1]);
                }
            } else {
                if (!decl.isEmpty()) {
                    vars.setTop(1, pair[1]);
                }
                if (decl.size() > 1) {
                    vars.setTop(2, pair[0]);
                }
            }
            Flow flow = walk(pair[1], r.body());
            vars.pop(bodyMark);
            if (flow == Flow.BREAK) {
                break;
            }
        }
        return !pairs.isEmpty();
    }

    private void assign(Node.Range r, String variable, Object value) {
        if (!vars.set(variable, value)) {
            throw error(r.pos(), Syntax.of(r), "undefined variable: " + variable);
        }
    }

    private void walkTemplate(Object dot, Node.TemplateCall call) {
        List<Node> body = template.definitions().get(call.name());
        if (body == null) {
            throw error(call.pos(), Syntax.of(call), "template " + GoQuote.quote(call.name(), false) + " not defined");
        }
        if (depth == MAX_DEPTH) {
            throw error(call.pos(), Syntax.of(call), "exceeded maximum template depth (" + MAX_DEPTH + ")");
        }
        Object newDot = call.pipe() == null ? null : evalPipeline(dot, call.pipe());
        // No dynamic scoping: the called template sees only $, set to its dot.
        Variables saved = vars;
        vars = new Variables(newDot);
        depth++;
        try {
            walk(newDot, body);
        } finally {
            depth--;
            vars = saved;
        }
    }

    private Object evalPipeline(Object dot, Pipeline pipe) {
        Object value = MISSING;
        for (Command command : pipe.commands()) {
            value = evalCommand(dot, command, value);
        }
        for (String variable : pipe.decl()) {
            if (pipe.isAssign()) {
                if (!vars.set(variable, value)) {
                    throw error(pipe.pos(), Syntax.of(pipe), "undefined variable: " + variable);
                }
            } else {
                vars.push(variable, value);
            }
        }
        return value;
    }

    private Object evalCommand(Object dot, Command cmd, Object last) {
        Operand first = cmd.args().getFirst();
        switch (first) {
            case Operand.Field f -> {
                return evalFieldChain(dot, dot, f, f.names(), cmd.args(), last);
            }
            case Operand.Chain c -> {
                return evalFieldChain(dot, evalArg(dot, GoFunction.Param.ANY, c.node()), c, c.fields(), cmd.args(), last);
            }
            case Operand.Identifier i -> {
                return evalFunction(dot, i, cmd, cmd.args(), last);
            }
            case Operand.Parenthesized p -> {
                notAFunction(cmd, last);
                return evalPipeline(dot, p.pipe());
            }
            case Operand.Variable v -> {
                return evalVariable(dot, v, cmd.args(), last);
            }
            default -> {
                notAFunction(cmd, last);
                return switch (first) {
                    case Operand.Bool b -> b.value();
                    case Operand.Dot d -> dot;
                    case Operand.Nil n -> throw error(n.pos(), "nil", "nil is not a command");
                    case Operand.Number n -> n.value();
                    case Operand.Str s -> s.value();
                    default -> throw new IllegalStateException(first.toString());
                };
            }
        }
    }

    private void notAFunction(Command cmd, Object last) {
        if (cmd.args().size() > 1 || last != MISSING) {
            Operand first = cmd.args().getFirst();
            throw error(first.pos(), Syntax.of(first), "can't give argument to non-function " + Syntax.of(first));
        }
    }

    private Object evalVariable(Object dot, Operand.Variable v, List<Operand> args, Object last) {
        if (!vars.has(v.name())) {
            throw error(v.pos(), Syntax.of(v), "undefined variable: " + v.name());
        }
        Object value = vars.get(v.name());
        if (v.fields().isEmpty()) {
            if (args.size() > 1 || last != MISSING) {
                throw error(v.pos(), Syntax.of(v), "can't give argument to non-function " + Syntax.of(v));
            }
            return value;
        }
        return evalFieldChain(dot, value, v, v.fields(), args, last);
    }

    /**
     * Walks {@code .A.B.C} from the receiver. Starting from nil (an unset dot or variable) the
     * whole chain is nil, as Go's invalid value is; but a nil met along the way came out of an
     * interface-typed map entry or field, and Go refuses to look into it.
     */
    private Object evalFieldChain(Object dot, Object receiver, Operand node, List<String> names,
                                  List<Operand> args, Object last) {
        if (receiver == null) {
            return null;
        }
        for (int i = 0; i < names.size(); i++) {
            if (receiver == null) {
                throw error(node.pos(), Syntax.of(node), "nil pointer evaluating interface {}." + names.get(i));
            }
            boolean isLast = i == names.size() - 1;
            receiver = evalField(dot, names.get(i), node, isLast ? args : List.of(), isLast ? last : MISSING,
                    receiver);
        }
        return receiver;
    }

    private Object evalField(Object dot, String fieldName, Operand node, List<Operand> args, Object last,
                             Object receiver) {
        boolean hasArgs = args.size() > 1 || last != MISSING;
        switch (receiver) {
            case GoStruct s -> {
                var method = s.structType().methods().get(fieldName);
                if (method != null) {
                    int numIn = Math.max(args.size() - 1, 0) + (last != MISSING ? 1 : 0);
                    if (numIn != 0) {
                        throw error(node.pos(), Syntax.of(node),
                                "wrong number of args for " + fieldName + ": want 0 got " + numIn);
                    }
                    return method.apply(s);
                }
                int index = s.structType().indexOf(fieldName);
                if (index >= 0) {
                    if (hasArgs) {
                        throw error(node.pos(), Syntax.of(node),
                                fieldName + " has arguments but cannot be invoked as function");
                    }
                    return s.values().get(index);
                }
            }
            case GoMap m -> {
                if (hasArgs) {
                    throw error(node.pos(), Syntax.of(node), fieldName + " is not a method but has arguments");
                }
                return m.get(fieldName);
            }
            default -> {
            }
        }
        throw error(node.pos(), Syntax.of(node),
                "can't evaluate field " + fieldName + " in type " + GoValues.typeName(receiver));
    }

    private Object evalFunction(Object dot, Operand.Identifier ident, Command cmd, List<Operand> args, Object last) {
        GoFunction function = functions.get(ident.name());
        if (function == null) {
            throw error(ident.pos(), ident.name(), GoQuote.quote(ident.name(), false) + " is not a defined function");
        }
        List<Operand> argNodes = args.subList(1, args.size());
        int numIn = argNodes.size() + (last != MISSING ? 1 : 0);
        int numFixed = function.params().size();
        if (function.variadic() != null) {
            if (numIn < numFixed) {
                throw error(ident.pos(), ident.name(), "wrong number of args for " + ident.name() + ": want at least "
                        + numFixed + " got " + argNodes.size());
            }
        } else if (numIn != numFixed) {
            throw error(ident.pos(), ident.name(),
                    "wrong number of args for " + ident.name() + ": want " + numFixed + " got " + numIn);
        }
        if (function.lazy()) {
            // and/or stop at the first argument that decides the result, and return it.
            boolean isOr = ident.name().equals("or");
            Object value = null;
            for (Operand arg : argNodes) {
                value = evalArg(dot, GoFunction.Param.ANY, arg);
                if (GoValues.isTrue(value) == isOr) {
                    return value;
                }
            }
            return last != MISSING ? last : value;
        }
        List<Object> values = new ArrayList<>(numIn);
        for (int i = 0; i < argNodes.size(); i++) {
            GoFunction.Param param = i < numFixed ? function.params().get(i) : function.variadic();
            values.add(evalArg(dot, param, argNodes.get(i)));
        }
        if (last != MISSING) {
            GoFunction.Param param = numIn - 1 < numFixed ? function.params().get(numIn - 1) : function.variadic();
            values.add(validate(last, param, cmd.pos(), Syntax.of(cmd)));
        }
        try {
            return function.body().call(values);
        } catch (GoFunction.Failure e) {
            throw error(cmd.pos(), Syntax.of(cmd), "error calling " + ident.name() + ": " + e.getMessage());
        }
    }

    private Object evalArg(Object dot, GoFunction.Param param, Operand node) {
        return switch (node) {
            case Operand.Dot d -> validate(dot, param, d.pos(), ".");
            case Operand.Nil n -> {
                if (param == GoFunction.Param.STRING) {
                    throw error(n.pos(), "nil", "cannot assign nil to string");
                }
                yield null;
            }
            case Operand.Field f -> validate(evalFieldChain(dot, dot, f, f.names(), List.of(f), MISSING), param,
                    f.pos(), Syntax.of(f));
            case Operand.Variable v -> validate(evalVariable(dot, v, List.of(v), MISSING), param, v.pos(),
                    Syntax.of(v));
            case Operand.Parenthesized p -> validate(evalPipeline(dot, p.pipe()), param, p.pos(), Syntax.of(p));
            case Operand.Identifier i -> validate(evalFunction(dot, i, new Command(List.of(i), i.pos()), List.of(i),
                    MISSING), param, i.pos(), i.name());
            case Operand.Chain c -> validate(evalFieldChain(dot, evalArg(dot, GoFunction.Param.ANY, c.node()), c,
                    c.fields(), List.of(c), MISSING), param, c.pos(), Syntax.of(c));
            case Operand.Str s -> s.value();
            case Operand.Bool b -> literal(b.value(), param, b);
            case Operand.Number n -> literal(n.value(), param, n);
        };
    }

    private Object literal(Object value, GoFunction.Param param, Operand node) {
        if (param == GoFunction.Param.STRING) {
            throw error(node.pos(), Syntax.of(node), "expected string; found " + Syntax.of(node));
        }
        return value;
    }

    private Object validate(Object value, GoFunction.Param param, int pos, String context) {
        if (param == GoFunction.Param.STRING) {
            if (value == null) {
                throw error(pos, context, "invalid value; expected string");
            }
            if (!(value instanceof String)) {
                throw error(pos, context, "wrong type for value; expected string; got " + GoValues.typeName(value));
            }
        }
        return value;
    }

    private GoTemplateException error(int pos, String context, String message) {
        return SourcePositions.execError(name, template.source(), pos, context, message);
    }
}
