package jollama.engine.gotemplate;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Go's built-in template functions, with results as the text/template and fmt docs define them. */
class GoTemplateFunctionsTest {

    private static final Map<String, Object> DATA = Map.of(
            "L", List.of("a", "b", "c"),
            "LL", List.of(List.of(1, 2), List.of(3, 4)),
            "M", Map.of("k", "v"));

    private static String run(String template) {
        return GoTemplate.parse(template).execute(DATA);
    }

    @Test
    void andOrReturnTheDecidingArgument() {
        assertEquals("0", run("{{ and 1 0 2 }}"));
        assertEquals("2", run("{{ and 1 2 }}"));
        assertEquals("x", run("{{ or 0 \"\" \"x\" }}"));
        assertEquals("", run("{{ or 0 \"\" }}"), "the last argument when none is true");
        // and/or stop evaluating at the deciding argument: .Nope.X would fail.
        assertEquals("<no value>", run("{{ and .Nope .Nope.X }}"));
        assertEquals("1", run("{{ or 1 .Nope.X }}"));
    }

    @Test
    void not() {
        assertEquals("true false true", run("{{ not 0 }} {{ not \"a\" }} {{ not .Nope }}"));
    }

    @Test
    void lenCountsBytesElementsAndEntries() {
        assertEquals("6 3 1 0", run("{{ len \"héllo\" }} {{ len .L }} {{ len .M }} {{ len \"\" }}"));
    }

    @Test
    void indexAndSlice() {
        assertEquals("b", run("{{ index .L 1 }}"));
        assertEquals("3", run("{{ index .LL 1 0 }}"));
        assertEquals("v <no value>", run("{{ index .M \"k\" }} {{ index .M \"missing\" }}"));
        assertEquals("98", run("{{ index \"abc\" 1 }}"), "indexing a string gives a byte");
        assertEquals("bc", run("{{ slice \"abcdef\" 1 3 }}"));
        assertEquals("[b c] [a] [a b c]", run("{{ slice .L 1 }} {{ slice .L 0 1 }} {{ slice .L }}"));
    }

    @Test
    void comparisons() {
        assertEquals("true false true", run("{{ eq 2 1 2 3 }} {{ eq \"a\" \"b\" }} {{ eq .Nope nil }}"));
        assertEquals("false", run("{{ eq .Nope \"x\" }}"), "nil is unequal to a value, without error");
        assertEquals("true false", run("{{ ne 1 2 }} {{ ne \"a\" \"a\" }}"));
        assertEquals("true true true false", run("{{ lt 1 2 }} {{ le 2 2 }} {{ gt \"b\" \"a\" }} {{ ge 1.5 2.5 }}"));
        assertEquals("true", run("{{ lt \"B\" \"a\" }}"), "strings compare bytewise");
    }

    @Test
    void printAddsSpacesOnlyBetweenNonStrings() {
        assertEquals("1 2a3bc", run("{{ print 1 2 \"a\" 3 \"b\" \"c\" }}"));
        assertEquals("1 a\n", run("{{ println 1 \"a\" }}"));
        assertEquals("<nil> [a b c] map[k:v]", run("{{ print nil \" \" .L \" \" .M }}"));
    }

    @Test
    void printfIntegerVerbs() {
        assertEquals("42|   42|42   |00042|ff|FF|10|101|A|'A'|U+0041|+5| 5|-007",
                run("{{ printf \"%d|%5d|%-5d|%05d|%x|%X|%o|%b|%c|%q|%U|%+d|% d|%04d\" 42 42 42 42 255 255 8 5 65 65 65 5 5 -7 }}"));
    }

    @Test
    void printfStringVerbs() {
        assertEquals("go|\"go\"|go|        go|go        |go|676f|\"a\\nb\"",
                run("{{ printf \"%s|%q|%v|%10s|%-10s|%.2s|%x|%q\" \"go\" \"go\" \"go\" \"go\" \"go\" \"golang\" \"go\" \"a\\nb\" }}"));
    }

    @Test
    void printfFloatVerbs() {
        assertEquals("3.141590|3.14|1.234568e+03|1.2e-05|1e+21|3.14|   3.142|+2.2|100000|1e+06",
                run("{{ printf \"%f|%.2f|%e|%g|%v|%.3g|%8.3f|%+.1f|%v|%v\" 3.14159 3.14159 1234.5678 0.000012 1e21 3.14159 3.14159 2.25 100000.0 1000000.0 }}"));
    }

    @Test
    void printfMistakesAndSpecials() {
        assertEquals("true|false|%!d(string=x)", run("{{ printf \"%t|%v|%d\" true false \"x\" }}"));
        assertEquals("1 %!d(MISSING)", run("{{ printf \"%d %d\" 1 }}"));
        assertEquals("1%!(EXTRA int=2)", run("{{ printf \"%d\" 1 2 }}"));
        assertEquals("100%", run("{{ printf \"100%%\" }}"));
        assertEquals("<nil> [a b c]", run("{{ printf \"%v %v\" .Nope .L }}"));
        assertEquals("b a", run("{{ printf \"%[2]s %[1]s\" \"a\" \"b\" }}"));
        assertEquals("int float64 string bool []interface {}", run("{{ printf \"%T %T %T %T %T\" 1 1.5 \"s\" true .L }}"));
        assertEquals("[%!d(string=a) %!d(string=b) %!d(string=c)]", run("{{ printf \"%d\" .L }}"));
    }

    @Test
    void escapers() {
        assertEquals("&lt;a href=&#34;x&#34;&gt;&amp;&#39;", run("{{ html \"<a href=\\\"x\\\">&'\" }}"));
        assertEquals("a+b%26c%3Dd%2F%C3%A9~%2A", run("{{ urlquery \"a b&c=d/é~*\" }}"));
        assertEquals("it\\'s \\u003Cb\\u003E", run("{{ js \"it's <b>\" }}"));
    }
}
