package jollama.engine.gotemplate;

import java.util.List;

/** The statement level of a parsed template: what a list of template items is made of. */
sealed interface Node {

    int pos();

    record Text(String text, int pos) implements Node { }

    /** {@code {{ pipeline }}}: prints the value unless the pipeline declares or assigns variables. */
    record Action(Pipeline pipe, int pos) implements Node { }

    /** {@code {{if}} body {{else}} elseBody {{end}}}; elseBody is null without else ({{else if}} nests an If). */
    record If(Pipeline pipe, List<Node> body, List<Node> elseBody, int pos) implements Node { }

    /** Like If, but dot becomes the pipeline's value in the body. */
    record With(Pipeline pipe, List<Node> body, List<Node> elseBody, int pos) implements Node { }

    /** {@code {{range}}}; elseBody runs when there was nothing to iterate. */
    record Range(Pipeline pipe, List<Node> body, List<Node> elseBody, int pos) implements Node { }

    /** {@code {{template "name" pipeline}}}; pipe is null when absent. */
    record TemplateCall(String name, Pipeline pipe, int pos) implements Node { }

    record Break(int pos) implements Node { }

    record Continue(int pos) implements Node { }
}
