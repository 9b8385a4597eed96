package jollama.engine.gotemplate;

import java.util.List;
import java.util.stream.Collectors;

/** Writes nodes back in template syntax, as Go's node String methods do, for error messages. */
final class Syntax {

    private Syntax() {
    }

    static String of(Operand operand) {
        return switch (operand) {
            case Operand.Field f -> "." + String.join(".", f.names());
            case Operand.Variable v -> v.fields().isEmpty() ? v.name() : v.name() + "." + String.join(".", v.fields());
            case Operand.Chain c -> (c.node() instanceof Operand.Parenthesized ? of(c.node()) : of(c.node()))
                    + "." + String.join(".", c.fields());
            case Operand.Identifier i -> i.name();
            case Operand.Dot d -> ".";
            case Operand.Nil n -> "nil";
            case Operand.Bool b -> Boolean.toString(b.value());
            case Operand.Number n -> n.text();
            case Operand.Str s -> s.quoted();
            case Operand.Parenthesized p -> "(" + of(p.pipe()) + ")";
        };
    }

    static String of(Command command) {
        return command.args().stream().map(Syntax::of).collect(Collectors.joining(" "));
    }

    static String of(Pipeline pipe) {
        StringBuilder sb = new StringBuilder();
        if (!pipe.decl().isEmpty()) {
            sb.append(String.join(", ", pipe.decl())).append(pipe.isAssign() ? " = " : " := ");
        }
        sb.append(pipe.commands().stream().map(Syntax::of).collect(Collectors.joining(" | ")));
        return sb.toString();
    }

    private static String branch(String keyword, Pipeline pipe, List<Node> body, List<Node> elseBody) {
        StringBuilder sb = new StringBuilder("{{").append(keyword).append(' ').append(of(pipe)).append("}}");
        body.forEach(n -> sb.append(of(n)));
        if (elseBody != null) {
            sb.append("{{else}}");
            elseBody.forEach(n -> sb.append(of(n)));
        }
        return sb.append("{{end}}").toString();
    }

    static String of(Node node) {
        return switch (node) {
            case Node.Text t -> t.text();
            case Node.Action a -> "{{" + of(a.pipe()) + "}}";
            case Node.If i -> branch("if", i.pipe(), i.body(), i.elseBody());
            case Node.With w -> branch("with", w.pipe(), w.body(), w.elseBody());
            case Node.Range r -> branch("range", r.pipe(), r.body(), r.elseBody());
            case Node.TemplateCall t -> "{{template " + GoQuote.quote(t.name(), false)
                    + (t.pipe() == null ? "" : " " + of(t.pipe())) + "}}";
            case Node.Break b -> "{{break}}";
            case Node.Continue c -> "{{continue}}";
        };
    }
}
