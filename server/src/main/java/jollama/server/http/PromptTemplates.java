package jollama.server.http;

import jollama.engine.Model;
import jollama.engine.gotemplate.GoTemplateException;
import jollama.engine.gotemplate.OllamaPromptTemplate;
import jollama.server.http.catalog.CatalogModel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which template renders a model's prompts (§6.1): a request's own {@code template}, else the
 * model's TEMPLATE layer (Go text/template) unless {@code OLLAMA_GO_TEMPLATE=0} or the GGUF's Jinja
 * chat template can do more (it knows tools and the Go one does not); else the Jinja template;
 * else Ollama's default {@code {{ .Prompt }}}. Parsed Go templates are cached by their text.
 */
final class PromptTemplates {

    private final Boolean preferGo;
    private final Map<String, OllamaPromptTemplate> parsed = new ConcurrentHashMap<>();

    /** @param preferGo {@code OLLAMA_GO_TEMPLATE}: true (1), false (0) or null (unset) */
    PromptTemplates(Boolean preferGo) {
        this.preferGo = preferGo;
    }

    /** The Go template to render with, or null for the model's Jinja chat template (or none). */
    OllamaPromptTemplate goTemplate(CatalogModel model, String requestTemplate, Model engine) {
        if (requestTemplate != null && !requestTemplate.isEmpty()) {
            return parse(requestTemplate);
        }
        String layer = model.template();
        if (layer == null || layer.isEmpty() || Boolean.FALSE.equals(preferGo)) {
            return null;
        }
        if (preferGo == null && engine.info().hasChatTemplate() && !layer.contains(".Tools")
                && engine.metadata().string("tokenizer.chat_template", "").contains("tools")) {
            return null; // the Jinja template supports tools and the Go one does not
        }
        return parse(layer);
    }

    private OllamaPromptTemplate parse(String text) {
        try {
            return parsed.computeIfAbsent(text, OllamaPromptTemplate::parse);
        } catch (GoTemplateException e) {
            throw new ApiError(500, "template error: " + e.getMessage(), e);
        }
    }
}
