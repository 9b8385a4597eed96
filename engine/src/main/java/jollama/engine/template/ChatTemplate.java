package jollama.engine.template;

import java.util.List;
import java.util.Map;

/**
 * A model's chat template ({@code tokenizer.chat_template}), compiled once and rendered per
 * request exactly as Hugging Face transformers renders it: Jinja with {@code trim_blocks} and
 * {@code lstrip_blocks}, the loopcontrols extension, transformers' {@code tojson} and
 * {@code raise_exception}. Only the subset of Jinja chat templates use is implemented; anything
 * else fails with a {@link TemplateException} naming the construct and its position, so a
 * template either renders the same bytes as transformers or does not render.
 *
 * <p>Render context values are JSON-shaped Java values: String, Long/Integer, Double, Boolean,
 * null, List and Map (use LinkedHashMap: key order shows in {@code tojson}), plus any
 * {@link TemplateFunction}. Typical variables: {@code messages}, {@code tools},
 * {@code add_generation_prompt}, {@code enable_thinking}, {@code bos_token}, {@code eos_token}.
 * A compiled template is immutable and may be rendered from several threads.
 */
public final class ChatTemplate {

    private final Source source;
    private final List<Node> body;

    private ChatTemplate(Source source, List<Node> body) {
        this.source = source;
        this.body = body;
    }

    /** Parses a template; fails on syntax errors and on constructs this engine does not support. */
    public static ChatTemplate compile(String template) {
        Source source = Source.normalize(template);
        return new ChatTemplate(source, StatementParser.parse(Lexer.tokenize(source), source));
    }

    /** Renders the prompt; the context map is only read. */
    public String render(Map<String, ?> context) {
        Scope scope = Scope.root(Globals.ALL).reading(context).child();
        StringBuilder out = new StringBuilder();
        new Renderer(source).render(body, scope, out);
        return out.toString();
    }
}
