package jollama.engine.gotemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * Ollama's {@code deleteNode} cut for legacy templates: the last exchange renders a copy of the
 * template that ends right after the first {@code .Response} field, so the prompt stops where
 * the model should continue. Walking the main body in order, the first action argument that is
 * a field chain containing {@code Response} starts the cut; everything visited after it goes,
 * including later arguments of the same command (a command left without arguments takes its
 * whole action with it). Like Ollama, the walk does not look at if/with/range conditions,
 * {@code template} calls or {@code (pipeline).Field} chains. A cut inside a branch that has an
 * else branch makes Ollama panic; here it is a GoTemplateException.
 */
final class LegacyCut {

    private boolean cut;

    private LegacyCut() {
    }

    static List<Node> apply(List<Node> root, String name, String source) {
        LegacyCut walker = new LegacyCut();
        return walker.list(root, name, source);
    }

    private List<Node> list(List<Node> nodes, String name, String source) {
        List<Node> kept = new ArrayList<>();
        for (Node node : nodes) {
            Node walked = node(node, name, source);
            if (walked != null) {
                kept.add(walked);
            }
        }
        return kept;
    }

    private Node node(Node node, String name, String source) {
        if (cut) {
            return null;
        }
        return switch (node) {
            case Node.Action a -> {
                Pipeline pipe = pipeline(a.pipe());
                yield pipe == null ? null : new Node.Action(pipe, a.pos());
            }
            case Node.If i -> new Node.If(i.pipe(), list(i.body(), name, source), elseList(i.elseBody(), i, name, source), i.pos());
            case Node.With w -> new Node.With(w.pipe(), list(w.body(), name, source), elseList(w.elseBody(), w, name, source), w.pos());
            case Node.Range r -> new Node.Range(r.pipe(), list(r.body(), name, source), elseList(r.elseBody(), r, name, source), r.pos());
            default -> node;
        };
    }

    private List<Node> elseList(List<Node> elseBody, Node owner, String name, String source) {
        if (elseBody == null) {
            return null;
        }
        if (cut) {
            throw SourcePositions.execError(name, source, owner.pos(), Syntax.of(owner),
                    "cannot cut the template after .Response: it is followed by an else branch");
        }
        return list(elseBody, name, source);
    }

    private Pipeline pipeline(Pipeline pipe) {
        if (cut) {
            return null;
        }
        List<Command> commands = new ArrayList<>();
        for (Command command : pipe.commands()) {
            List<Operand> args = new ArrayList<>();
            for (Operand arg : command.args()) {
                Operand walked = operand(arg);
                if (walked != null) {
                    args.add(walked);
                }
            }
            if (args.isEmpty()) {
                return null;
            }
            commands.add(new Command(args, command.pos()));
        }
        return new Pipeline(pipe.decl(), pipe.isAssign(), commands, pipe.pos());
    }

    private Operand operand(Operand arg) {
        if (arg instanceof Operand.Field f && f.names().contains("Response")) {
            cut = true;
            return arg;
        }
        if (cut) {
            return null;
        }
        if (arg instanceof Operand.Parenthesized p) {
            Pipeline pipe = pipeline(p.pipe());
            return pipe == null ? null : new Operand.Parenthesized(pipe, p.pos());
        }
        return arg;
    }
}
