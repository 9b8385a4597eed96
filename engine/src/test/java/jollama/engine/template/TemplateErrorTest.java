package jollama.engine.template;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What is unsupported or wrong fails with a message naming the construct and where it is
 * (line and column counted from 1), rather than rendering a prompt transformers would not.
 */
class TemplateErrorTest {

    private static String compileError(String template) {
        return assertThrows(TemplateException.class, () -> ChatTemplate.compile(template)).getMessage();
    }

    private static String renderError(String template, Map<String, Object> context) {
        ChatTemplate compiled = ChatTemplate.compile(template);
        return assertThrows(TemplateException.class, () -> compiled.render(context)).getMessage();
    }

    @Test
    void unsupportedTagsAreNamed() {
        assertEquals("unsupported tag 'include' at line 1, column 4", compileError("{% include 'x' %}"));
        assertEquals("unsupported tag 'raw' at line 1, column 4", compileError("{% raw %}x{% endraw %}"));
    }

    @Test
    void unsupportedFiltersAndTestsAreNamedWhenReached() {
        // As in Jinja 3, only when evaluated: a branch not taken may name any filter.
        assertEquals("unsupported filter 'wordcount' at line 1, column 6", renderError("{{ x|wordcount }}", Map.of()));
        assertEquals("unsupported test 'odd_ish' at line 1, column 9", renderError("{{ x is odd_ish }}", Map.of()));
        assertEquals("ok", ChatTemplate.compile("{{ x|wordcount if false else 'ok' }}").render(Map.of()));
    }

    @Test
    void unsupportedLoopFormsAreNamed() {
        assertEquals("unsupported construct: recursive for loop at line 1, column 16",
                compileError("{% for x in xs recursive %}{% endfor %}"));
    }

    @Test
    void syntaxErrorsGiveThePosition() {
        assertEquals("'if' is never closed: missing 'endif' at line 2, column 4", compileError("line1\n{% if x %}a"));
        assertEquals("unexpected end of print statement at line 1, column 8", compileError("{{ 1 + }}"));
        assertEquals("'break' outside of a loop at line 1, column 4", compileError("{% break %}"));
        assertEquals("unterminated string at line 1, column 4", compileError("{{ 'abc }}"));
        assertEquals("unexpected character '#' at line 1, column 6", compileError("{{ a # b }}"));
        assertEquals("unexpected tag 'endif' at line 1, column 4", compileError("{% endif %}"));
        assertEquals("unexpected '}' at line 1, column 8", compileError("{{ 'a' }"));
        assertEquals("unclosed comment '{#' at line 1, column 1", compileError("{# unclosed"));
    }

    @Test
    void usingUndefinedBeyondTestingItFails() {
        assertEquals("'nothing' is undefined at line 1, column 11", renderError("{{ nothing.attr }}", Map.of()));
        assertEquals("'nothing' is undefined at line 1, column 11", renderError("{{ nothing() }}", Map.of()));
        assertEquals("'dict object' has no attribute 'missing' at line 1, column 13",
                renderError("{{ d.missing.x }}", Map.of("d", Map.of())));
        assertEquals("Object of type Undefined is not JSON serializable at line 1, column 6",
                renderError("{{ x|tojson }}", Map.of()));
    }

    @Test
    void pythonTypeErrorsAreReported() {
        assertEquals("can only concatenate str (not \"int\") to str at line 1, column 8", renderError("{{ 'a' + 1 }}", Map.of()));
        assertEquals("division by zero at line 1, column 6", renderError("{{ 1 / 0 }}", Map.of()));
        assertEquals("'NoneType' object is not iterable at line 1, column 4",
                renderError("{% for x in none %}{% endfor %}", Map.of()));
        assertEquals("slice step cannot be zero at line 1, column 7", renderError("{{ [1][0:1:0] }}", Map.of()));
    }

    @Test
    void onlyNamespacesTakeAttributeAssignments() {
        assertEquals("cannot assign attribute 'x' on non-namespace object 'd' at line 1, column 20",
                renderError("{% set d = {} %}{% set d.x = 1 %}", Map.of()));
        assertEquals("cannot assign attribute 'x' on undefined 'ns' at line 1, column 4",
                renderError("{% set ns.x = 1 %}", Map.of()));
    }

    @Test
    void runawayMacroRecursionFails() {
        assertEquals("macro 'f' nested deeper than 100 calls at line 1, column 20",
                renderError("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", Map.of()));
    }

    @Test
    void functionsAreNotPrinted() {
        assertEquals("cannot convert a function object to a string at line 1, column 1",
                renderError("{{ 'a'.upper }}", Map.of()));
    }

    @Test
    void raiseExceptionCarriesTheTemplatesMessage() {
        ChatTemplate template = ChatTemplate.compile("{{ raise_exception('Conversation roles must alternate') }}");
        TemplateException e = assertThrows(TemplateException.class, () -> template.render(Map.of()));
        assertEquals("Conversation roles must alternate", e.getMessage());
        assertTrue(e.raisedByTemplate());
        assertFalse(assertThrows(TemplateException.class, () -> ChatTemplate.compile("{% raw %}")).raisedByTemplate());
    }
}
