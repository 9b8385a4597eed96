package jollama.engine.gotemplate;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Errors carry Go's wording: "template: NAME:LINE: msg" when parsing, and
 * "template: NAME:LINE:COL: executing "NAME" at <node>: msg" when executing (Go counts the
 * column from 0); line() and column() count from 1.
 */
class GoTemplateErrorTest {

    private static GoTemplateException parseError(String template) {
        return assertThrows(GoTemplateException.class, () -> GoTemplate.parse(template));
    }

    private static GoTemplateException execError(String template, Map<String, Object> data) {
        GoTemplate parsed = GoTemplate.parse(template);
        return assertThrows(GoTemplateException.class, () -> parsed.execute(data));
    }

    @Test
    void parseErrors() {
        assertEquals("template: :1: function \"foo\" not defined", parseError("{{ foo }}").getMessage());
        assertEquals("template: :1: unexpected EOF", parseError("{{ if .X }}").getMessage());
        assertEquals("template: :1: unexpected {{end}}", parseError("{{ end }}").getMessage());
        assertEquals("template: :1: unexpected {{else}}", parseError("{{ else }}").getMessage());
        assertEquals("template: :1: undefined variable \"$x\"", parseError("{{ $x }}").getMessage());
        assertEquals("template: :1: unclosed action", parseError("{{ .X").getMessage());
        assertEquals("template: :1: {{break}} outside {{range}}", parseError("{{ break }}").getMessage());
        assertEquals("template: :2: non executable command in pipeline stage 2", parseError("a\n{{ .X | 3 }}").getMessage());
        assertEquals("template: :1: unterminated quoted string", parseError("{{ \"abc }}").getMessage());
        assertEquals("template: :1: unclosed comment", parseError("{{/* x }}").getMessage());
        // Go reads the ")" token before the lexer reports the unbalanced paren.
        assertEquals("template: :1: unexpected \")\" in command", parseError("{{ .X ) }}").getMessage());
        assertEquals("template: :1: unclosed left paren", parseError("{{ (.X }}").getMessage());
        assertEquals("template: :1: too many declarations in range", parseError("{{ range $i, $v, $w := .X }}{{ end }}").getMessage());
        assertEquals("template: :1: missing value for if", parseError("{{ if }}{{ end }}").getMessage());
        assertEquals("template: :1: unexpected <if> in input", parseError("{{ range .X }}{{ else if .Y }}{{ end }}").getMessage());
        assertEquals("template: :1: unexpected \"}\" in operand", parseError("{{ .X } }}").getMessage());
    }

    @Test
    void variablesDeclaredInABlockAreUnknownAfterItsEnd() {
        assertEquals("template: :1: undefined variable \"$x\"",
                parseError("{{ if true }}{{ $x := 1 }}{{ end }}{{ $x }}").getMessage());
        assertEquals("template: :1: undefined variable \"$x\"",
                parseError("{{ $x := 1 }}{{ define \"T\" }}{{ $x }}{{ end }}").getMessage());
    }

    @Test
    void parseErrorsKnowTheirLine() {
        GoTemplateException e = parseError("line one\nline two {{ nope }}");
        assertEquals(2, e.line());
        assertEquals(13, e.column());
    }

    @Test
    void fieldThroughNilIsAnError() {
        GoTemplateException e = execError("{{ .Missing.X }}", Map.of());
        assertEquals("template: :1:3: executing \"\" at <.Missing.X>: nil pointer evaluating interface {}.X", e.getMessage());
        assertEquals(1, e.line());
        assertEquals(4, e.column());
    }

    @Test
    void executionErrorsCarryGoWording() {
        assertEquals("template: :1:3: executing \"\" at <index .L 5>: error calling index: index out of range: 5",
                execError("{{ index .L 5 }}", Map.of("L", List.of(1))).getMessage());
        assertEquals("template: :1:3: executing \"\" at <eq 1 \"a\">: error calling eq: incompatible types for comparison",
                execError("{{ eq 1 \"a\" }}", Map.of()).getMessage());
        assertEquals("template: :1:3: executing \"\" at <lt 1.5 2>: error calling lt: incompatible types for comparison",
                execError("{{ lt 1.5 2 }}", Map.of()).getMessage());
        assertEquals("template: :1:3: executing \"\" at <len 3>: error calling len: len of type int",
                execError("{{ len 3 }}", Map.of()).getMessage());
        assertEquals("template: :1:10: executing \"\" at <3>: expected string; found 3",
                execError("{{ printf 3 }}", Map.of()).getMessage());
        assertEquals("template: :1:3: executing \"\" at <.S.X>: can't evaluate field X in type string",
                execError("{{ .S.X }}", Map.of("S", "text")).getMessage());
        assertEquals("template: :1:3: executing \"\" at <nil>: nil is not a command",
                execError("{{ nil }}", Map.of()).getMessage());
        assertEquals("template: :1:3: executing \"\" at <not>: wrong number of args for not: want 1 got 2",
                execError("{{ not 1 2 }}", Map.of()).getMessage());
        assertEquals("template: :1:12: executing \"\" at <{{template \"x\"}}>: template \"x\" not defined",
                execError("{{ template \"x\" }}", Map.of()).getMessage());
        assertEquals("template: :1:3: executing \"\" at <.L>: L is not a method but has arguments",
                execError("{{ .L 1 }}", Map.of("L", List.of())).getMessage());
    }

    @Test
    void rangeOverAScalarIsAnError() {
        assertEquals("template: :1:9: executing \"\" at <{{range .S}}{{end}}>: range can't iterate over text",
                execError("{{ range .S }}{{ end }}", Map.of("S", "text")).getMessage());
    }
}
