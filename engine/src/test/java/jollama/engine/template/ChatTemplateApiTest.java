package jollama.engine.template;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The contract of {@link ChatTemplate} beyond Jinja semantics. */
class ChatTemplateApiTest {

    @Test
    void renderingNeverWritesTheCallersContext() {
        Map<String, Object> context = new HashMap<>(Map.of("x", 1));
        assertEquals("2", ChatTemplate.compile("{% set x = 2 %}{{ x }}").render(context));
        assertEquals(Map.of("x", 1), context);
    }

    @Test
    void rendersOfOneTemplateShareNoState() {
        ChatTemplate template = ChatTemplate.compile(
                "{% set ns = namespace(n=0) %}{% for m in messages %}{% set ns.n = ns.n + 1 %}{% endfor %}{{ ns.n }}");
        Map<String, Object> context = Map.of("messages", java.util.List.of("a", "b"));
        assertEquals("2", template.render(context));
        assertEquals("2", template.render(context));
    }

    @Test
    void callerSuppliedFunctionsAreCallable() {
        TemplateFunction strftimeNow = (args, kwargs) -> "fixed:" + args.getFirst();
        assertEquals("fixed:%d %b %Y True", ChatTemplate.compile("{{ strftime_now('%d %b %Y') }} {{ strftime_now is defined }}")
                .render(Map.of("strftime_now", strftimeNow)));
    }

    @Test
    void generationTagRendersItsBodyInItsOwnScope() {
        // transformers' AssistantTracker turns it into a call block: output kept, sets scoped.
        assertEquals("x[]", ChatTemplate.compile("{% generation %}x{% set y = 1 %}{% endgeneration %}[{{ y }}]")
                .render(Map.of()));
    }

    @Test
    void nullContextValuesAreNone() {
        Map<String, Object> context = new HashMap<>();
        context.put("tools", null);
        assertEquals("no tools None True", ChatTemplate.compile(
                "{% if tools %}tools{% else %}no tools{% endif %} {{ tools }} {{ tools is defined }}").render(context));
    }
}
