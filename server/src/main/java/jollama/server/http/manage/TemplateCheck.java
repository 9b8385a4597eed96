package jollama.server.http.manage;

import jollama.engine.gotemplate.GoTemplateException;
import jollama.engine.gotemplate.OllamaPromptTemplate;

/**
 * Checks a TEMPLATE before {@code create} stores it, as Ollama parses it there: a template that
 * does not parse is refused with 400 {@code template error: ...} rather than failing every later
 * generate.
 */
@FunctionalInterface
public interface TemplateCheck {

    /** @return null when the template parses, else the parser's message */
    String problem(String template);

    /** Parsing with Ollama's template functions, the way generation will parse it. */
    static TemplateCheck goTemplates() {
        return template -> {
            try {
                OllamaPromptTemplate.parse(template);
                return null;
            } catch (GoTemplateException e) {
                return e.getMessage();
            }
        };
    }
}
