package jollama.engine.gotemplate;

import java.util.List;
import java.util.Map;

/**
 * A parsed template: its main body and the templates it defines with {@code define} or
 * {@code block}, by name.
 */
record ParsedTemplate(String source, List<Node> root, Map<String, List<Node>> definitions) {

    ParsedTemplate {
        root = List.copyOf(root);
        definitions = Map.copyOf(definitions);
    }

    ParsedTemplate withRoot(List<Node> newRoot) {
        return new ParsedTemplate(source, newRoot, definitions);
    }
}
