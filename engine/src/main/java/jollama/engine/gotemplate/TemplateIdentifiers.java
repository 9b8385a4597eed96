package jollama.engine.gotemplate;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ollama's {@code Template.Vars}: the lower-cased field and variable names a template uses
 * (in its main body and its definitions), by which Ollama picks the rendering mode. Like
 * Ollama, it looks through actions, control pipelines and parenthesized arguments, but not into
 * {@code (pipeline).Field} chains.
 */
final class TemplateIdentifiers {

    private TemplateIdentifiers() {
    }

    static Set<String> of(ParsedTemplate template) {
        Set<String> names = new TreeSet<>();
        collect(template.root(), names);
        template.definitions().values().forEach(body -> collect(body, names));
        return names;
    }

    private static void collect(java.util.List<Node> nodes, Set<String> names) {
        for (Node node : nodes) {
            switch (node) {
                case Node.Action a -> collect(a.pipe(), names);
                case Node.If i -> branch(i.pipe(), i.body(), i.elseBody(), names);
                case Node.With w -> branch(w.pipe(), w.body(), w.elseBody(), names);
                case Node.Range r -> branch(r.pipe(), r.body(), r.elseBody(), names);
                case Node.TemplateCall t -> {
                    if (t.pipe() != null) {
                        collect(t.pipe(), names);
                    }
                }
                case Node.Text t -> { }
                case Node.Break b -> { }
                case Node.Continue c -> { }
            }
        }
    }

    private static void branch(Pipeline pipe, java.util.List<Node> body, java.util.List<Node> elseBody, Set<String> names) {
        collect(pipe, names);
        collect(body, names);
        if (elseBody != null) {
            collect(elseBody, names);
        }
    }

    private static void collect(Pipeline pipe, Set<String> names) {
        for (Command command : pipe.commands()) {
            for (Operand arg : command.args()) {
                switch (arg) {
                    case Operand.Field f -> f.names().forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
                    case Operand.Variable v -> {
                        names.add(v.name().toLowerCase(Locale.ROOT));
                        v.fields().forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
                    }
                    case Operand.Parenthesized p -> collect(p.pipe(), names);
                    default -> { }
                }
            }
        }
    }
}
