package jollama.engine.gotemplate;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The statement language of Go's text/template: expected outputs follow from the text/template
 * documentation (actions, trim markers, control structures, variables, pipelines, templates).
 */
class GoTemplateSyntaxTest {

    private static String run(String template, Object data) {
        return GoTemplate.parse(template).execute(data);
    }

    private static String run(String template) {
        return run(template, Map.of());
    }

    @Test
    void textAndFieldActions() {
        assertEquals("plain text", run("plain text"));
        assertEquals("Hi Ann!", run("Hi {{ .Name }}!", Map.of("Name", "Ann")));
        assertEquals("Hi Ann!", run("Hi {{.Name}}!", Map.of("Name", "Ann")));
        assertEquals("Paris", run("{{ .User.Address.City }}",
                Map.of("User", Map.of("Address", Map.of("City", "Paris")))));
    }

    @Test
    void trimMarkersRemoveAllAdjacentWhiteSpace() {
        assertEquals("a1b", run("a \t\r\n {{- .X -}} \n\t b", Map.of("X", 1)));
        assertEquals("a 1b", run("a {{ .X -}}\n b", Map.of("X", 1)));
        assertEquals("a1 b", run("a\n {{- .X }} b", Map.of("X", 1)));
        // Without the space after it, {{- is the start of a negative number, not a trim marker.
        assertEquals("a -3", run("a {{-3}}"));
        assertEquals("x-y", run("x {{- \"-\" -}} y"));
    }

    @Test
    void commentsProduceNothingAndMayTrim() {
        assertEquals("a  b", run("a {{/* a comment */}} b"));
        assertEquals("ab", run("a {{- /* trimmed on both sides */ -}} b"));
        assertEquals("ab", run("a{{/* spans\nlines */}}b"));
    }

    @Test
    void actionsMayContainNewlines() {
        assertEquals("yes", run("{{ if\n  .X\n}}yes{{ end }}", Map.of("X", true)));
    }

    @Test
    void literals() {
        assertEquals("1 1 1.5 16 97 1000 -2 8 true", run("{{ 1 }} {{ 1.0 }} {{ 1.5 }} {{ 0x10 }} {{ 'a' }} {{ 1e3 }} {{ -2 }} {{ 010 }} {{ true }}"));
        assertEquals("a\tb \"q\" é", run("{{ \"a\\tb\" }} {{ \"\\\"q\\\"\" }} {{ \"\\u00e9\" }}"));
        assertEquals("raw\\n", run("{{ `raw\\n` }}"));
    }

    @Test
    void ifElseIfElse() {
        String t = "{{ if eq .N 1 }}one{{ else if eq .N 2 }}two{{ else }}many{{ end }}";
        assertEquals("one", run(t, Map.of("N", 1)));
        assertEquals("two", run(t, Map.of("N", 2)));
        assertEquals("many", run(t, Map.of("N", 3)));
        assertEquals("", run("{{ if .X }}x{{ end }}"));
    }

    @Test
    void truthIsGoZeroValues() {
        String t = "{{ if .X }}T{{ else }}F{{ end }}";
        List<Object> falsy = Arrays.asList("", 0, 0.0, false, List.of(), Map.of(), null);
        for (Object value : falsy) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("X", value);
            assertEquals("F", run(t, data), () -> "value " + value);
        }
        for (Object value : List.of("a", 1, -1, 0.5, true, List.of(0), Map.of("k", 0))) {
            assertEquals("T", run(t, Map.of("X", value)), () -> "value " + value);
        }
        assertEquals("F", run(t), "a missing key is nil");
    }

    @Test
    void withSetsDotAndHasElseAndElseWith() {
        String t = "{{ with .User }}{{ .Name }}{{ else }}nobody{{ end }}";
        assertEquals("Ann", run(t, Map.of("User", Map.of("Name", "Ann"))));
        assertEquals("nobody", run(t));
        String chain = "{{ with .A }}a={{ . }}{{ else with .B }}b={{ . }}{{ else }}none{{ end }}";
        assertEquals("a=1", run(chain, Map.of("A", 1, "B", 2)));
        assertEquals("b=2", run(chain, Map.of("A", 0, "B", 2)));
        assertEquals("none", run(chain));
    }

    @Test
    void rangeOverListsSetsDotAndVariables() {
        Map<String, Object> data = Map.of("L", List.of(1, "b", true), "Sep", "|");
        assertEquals("[1][b][true]", run("{{ range .L }}[{{ . }}]{{ end }}", data));
        assertEquals("0=1;1=b;2=true;", run("{{ range $i, $v := .L }}{{ $i }}={{ $v }};{{ end }}", data));
        assertEquals("1btrue", run("{{ range $v := .L }}{{ $v }}{{ end }}", data));
        assertEquals("|1|b|true", run("{{ range .L }}{{ $.Sep }}{{ . }}{{ end }}", data));
    }

    @Test
    void rangeOverMapsVisitsKeysInSortedOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 2);
        m.put("a", 1);
        m.put("C", 3);
        // Byte order: upper case sorts before lower case.
        assertEquals("C:3 a:1 b:2 ", run("{{ range $k, $v := .M }}{{ $k }}:{{ $v }} {{ end }}", Map.of("M", m)));
        assertEquals("312", run("{{ range .M }}{{ . }}{{ end }}", Map.of("M", m)));
    }

    @Test
    void rangeElseRunsWhenThereIsNothing() {
        String t = "{{ range .L }}x{{ else }}empty{{ end }}";
        assertEquals("empty", run(t, Map.of("L", List.of())));
        assertEquals("empty", run(t), "nil ranges like an empty list");
        assertEquals("xx", run(t, Map.of("L", List.of(1, 2))));
    }

    @Test
    void breakAndContinue() {
        String t = "{{ range .L }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ if eq . 4 }}{{ break }}{{ end }}{{ . }}{{ end }}";
        assertEquals("13", run(t, Map.of("L", List.of(1, 2, 3, 4, 5))));
        // break leaves only the innermost range.
        String nested = "{{ range .L }}<{{ range $.L }}{{ if eq . 2 }}{{ break }}{{ end }}{{ . }}{{ end }}>{{ end }}";
        assertEquals("<1><1><1>", run(nested, Map.of("L", List.of(1, 2, 3))));
    }

    @Test
    void variablesDeclareAssignAndScope() {
        assertEquals("12", run("{{ $x := 1 }}{{ $x }}{{ $x = 2 }}{{ $x }}"));
        // A declaration inside a control structure ends at its {{end}}.
        assertEquals("inner outer", run("{{ $x := \"outer\" }}{{ if true }}{{ $x := \"inner\" }}{{ $x }}{{ end }} {{ $x }}"));
        // An assignment inside a range changes the outer variable, which keeps the value.
        assertEquals("2", run("{{ $last := -1 }}{{ range $i, $v := .L }}{{ if eq $v \"u\" }}{{ $last = $i }}{{ end }}{{ end }}{{ $last }}",
                Map.of("L", List.of("u", "a", "u", "a"))));
        // Variables declared in an if pipeline are visible in both branches.
        assertEquals("b", run("{{ if $v := .X }}a{{ else }}{{ $v }}b{{ end }}", Map.of("X", "")));
        assertEquals("root", run("{{ with .A }}{{ $.Name }}{{ end }}", Map.of("A", 1, "Name", "root")));
    }

    @Test
    void pipelinesPassTheValueAsLastArgument() {
        assertEquals("\"hi\"", run("{{ .S | printf \"%q\" }}", Map.of("S", "hi")));
        assertEquals("b-a", run("{{ \"a\" | printf \"%s-%s\" \"b\" }}"));
        assertEquals("true", run("{{ 3 | eq 3 }}"));
        assertEquals("3", run("{{ .L | len }}", Map.of("L", List.of(1, 2, 3))));
        assertEquals("5", run("{{ \"hello\" | len | print }}"));
    }

    @Test
    void parenthesizedPipelinesAndChains() {
        Map<String, Object> data = Map.of("L", List.of("a", "b", "c"), "Users", List.of(Map.of("Name", "Ann")));
        assertEquals("2", run("{{ len (slice .L 1) }}", data));
        assertEquals("Ann", run("{{ (index .Users 0).Name }}", data));
        assertEquals("true", run("{{ eq (len .L) 3 }}", data));
    }

    @Test
    void defineTemplateAndBlock() {
        assertEquals("<x><5>", run("{{ define \"T\" }}<{{ . }}>{{ end }}{{ template \"T\" \"x\" }}{{ template \"T\" .Y }}", Map.of("Y", 5)));
        assertEquals("<<no value>>", run("{{ define \"T\" }}<{{ . }}>{{ end }}{{ template \"T\" }}"));
        assertEquals("[1]", run("{{ block \"B\" .X }}[{{ . }}]{{ end }}", Map.of("X", 1)));
        // A called template sees only its own $ (its dot), not the caller's variables.
        assertEquals("2", run("{{ define \"T\" }}{{ $ }}{{ end }}{{ $x := 1 }}{{ template \"T\" 2 }}"));
        // Definitions may come after their use.
        assertEquals("ok", run("{{ template \"later\" }}{{ define \"later\" }}ok{{ end }}"));
    }

    @Test
    void missingKeysPrintNoValue() {
        assertEquals("<no value>", run("{{ .Missing }}"));
        assertEquals("[<no value>]", run("[{{ index .M \"nope\" }}]", Map.of("M", Map.of("a", 1))));
        // Through a variable holding nil, a field chain stays nil instead of failing.
        assertEquals("<no value>", run("{{ $x := .Missing }}{{ $x.Foo }}"));
    }
}
