package jollama.engine.gotemplate;

import java.util.Map;

/**
 * A template in Go's text/template language, parsed once and executable many times (also from
 * several threads: execution state is per call). Supports the whole statement language
 * ({@code if}/{@code else if}/{@code else}, {@code range} with {@code else}, {@code break} and
 * {@code continue}, {@code with}/{@code else with}, {@code define}, {@code template},
 * {@code block}, variables, pipelines, parenthesized pipelines and field chains, comments and
 * trim markers) and the built-in functions except {@code call}.
 *
 * <p>Data is plain Java: maps with string keys, lists, strings, booleans, integral numbers (Go
 * int) and other numbers (Go float64), and null (nil). Maps behave as Go's
 * {@code map[string]interface {}}: keys sort wherever they are visited, and a missing key
 * yields nil, which prints as {@code <no value>}. Execution always follows Ollama's option
 * {@code missingkey=zero}, under which {@code .Missing.Field} is an error ("nil pointer
 * evaluating interface {}.Field") rather than another nil.
 */
public final class GoTemplate {

    private final String name;
    private final ParsedTemplate parsed;
    private final Map<String, GoFunction> functions;

    private GoTemplate(String name, ParsedTemplate parsed, Map<String, GoFunction> functions) {
        this.name = name;
        this.parsed = parsed;
        this.functions = functions;
    }

    /** Parses a template with Go's built-in functions; the template is named "" in messages. */
    public static GoTemplate parse(String text) {
        return parse("", text, Builtins.all());
    }

    static GoTemplate parse(String name, String text, Map<String, GoFunction> functions) {
        return new GoTemplate(name, Parser.parse(name, text, functions.keySet()), Map.copyOf(functions));
    }

    /** Executes the template on plain Java data (see the class comment). */
    public String execute(Object data) {
        return execute(parsed, GoValues.fromJava(data), functions);
    }

    String name() {
        return name;
    }

    ParsedTemplate parsed() {
        return parsed;
    }

    /** Executes a (possibly rewritten) tree of this template on template values. */
    String execute(ParsedTemplate tree, Object data, Map<String, GoFunction> withFunctions) {
        StringBuilder out = new StringBuilder();
        Executor.execute(tree, name, withFunctions, data, out);
        return out.toString();
    }

    GoTemplate withTree(ParsedTemplate tree) {
        return new GoTemplate(name, tree, functions);
    }
}
