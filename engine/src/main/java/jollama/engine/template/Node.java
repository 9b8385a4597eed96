package jollama.engine.template;

import java.util.List;

/** Statement AST: what a template body is made of. */
sealed interface Node {

    record Text(String text) implements Node { }

    /** {@code {{ expr }}}. */
    record Output(Expr expr, int pos) implements Node { }

    record If(List<Expr> conditions, List<List<Node>> bodies, List<Node> elseBody) implements Node { }

    /** {@code for target in iterable [if filter]}; filter may be null; else runs when nothing was iterated. */
    record For(Target target, Expr iterable, Expr filter, List<Node> body, List<Node> elseBody, int pos)
            implements Node { }

    record Set(Target target, Expr value, int pos) implements Node { }

    /** {@code {% set name %}body{% endset %}}: the rendered body as a string. */
    record SetBlock(String name, List<Node> body) implements Node { }

    record Macro(String name, List<String> params, List<Expr> defaults, List<Node> body) implements Node { }

    /** transformers' {@code {% generation %}} tag: marks assistant text for masks; renders its body. */
    record Generation(List<Node> body) implements Node { }

    record Break() implements Node { }

    record Continue() implements Node { }

    /** Where {@code for} and {@code set} store values. */
    sealed interface Target {

        record Name(String name) implements Target { }

        /** {@code a, b = ...}: unpacks a sequence of exactly that many items. */
        record Tuple(List<String> names) implements Target { }

        /** {@code ns.attr = ...}: only on a namespace object. */
        record Attribute(String name, String attribute) implements Target { }
    }
}
