package jollama.server.http;

import jollama.engine.gotemplate.GoTemplateException;
import jollama.engine.gotemplate.OllamaPromptTemplate;
import jollama.engine.gotemplate.TemplateMessage;
import jollama.engine.gotemplate.TemplateValues;
import jollama.engine.Model;
import jollama.engine.chat.ChatMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a conversation into prompt tokens (ollama-api.md §6.1, §1.1 truncate): with a Go template
 * (a Modelfile TEMPLATE, see {@link PromptTemplates}) when there is one, else the model's GGUF chat
 * template (Jinja); a model with neither uses Ollama's default template {@code {{ .Prompt }}},
 * which passes the text through.
 */
final class PromptBuilder {

    /** What {@code filterThinkTags} removes from earlier assistant turns of qwen3 and deepseek-r1 models. */
    private static final Pattern THINK_BLOCK = Pattern.compile("(?s)^\\s*<think>.*?</think>\\s*");

    private PromptBuilder() {
    }

    record Prompt(int[] tokens, String text) {
    }

    /**
     * Renders and tokenizes the messages. When the prompt does not fit in the context and
     * {@code truncate} is on, whole messages are dropped from the front, system messages and the
     * last message kept, until it fits.
     *
     * @param prefix text put before the rendered prompt (generate's deprecated {@code context})
     * @throws ApiError 400 when it cannot be made to fit
     */
    static Prompt chat(Model model, List<ChatMessage> messages, List<Map<String, Object>> tools, Boolean think,
                       boolean truncate, String prefix) {
        return chat(model, null, messages, tools, think, truncate, prefix);
    }

    /**
     * {@link #chat(Model, List, List, Boolean, boolean, String)} rendering with {@code goTemplate}
     * (a TEMPLATE layer or the request's template) when it is not null.
     */
    static Prompt chat(Model model, OllamaPromptTemplate goTemplate, List<ChatMessage> messages,
                       List<Map<String, Object>> tools, Boolean think, boolean truncate, String prefix) {
        int limit = model.info().contextLength();
        List<ChatMessage> kept = new ArrayList<>(messages);
        while (true) {
            String text = prefix + (goTemplate != null ? renderGo(goTemplate, kept, tools, think)
                    : render(model, kept, tools, think));
            int[] tokens = model.tokenize(text);
            if (tokens.length < limit) {
                return new Prompt(tokens, text);
            }
            int drop = truncate ? firstDroppable(kept) : -1;
            if (drop < 0) {
                throw tooLong();
            }
            kept.remove(drop);
        }
    }

    /** Text given as is ({@code raw}, or a model without a template). */
    static Prompt raw(Model model, String text) {
        int[] tokens = model.tokenize(text);
        if (tokens.length >= model.info().contextLength()) {
            throw tooLong();
        }
        return new Prompt(tokens, text);
    }

    static ApiError tooLong() {
        return ApiError.badRequest("the input length exceeds the context length");
    }

    private static String render(Model model, List<ChatMessage> messages, List<Map<String, Object>> tools,
                                 Boolean think) {
        if (model.info().hasChatTemplate()) {
            return model.renderChat(messages, tools, think);
        }
        // {{ .Prompt }} run over the exchanges (with {{ .Response }} appended, §6.2): user and
        // assistant texts one after another; system messages have no place in it
        StringBuilder sb = new StringBuilder();
        for (ChatMessage m : messages) {
            if (m.role().equals("user") || m.role().equals("assistant")) {
                sb.append(m.content());
            }
        }
        return sb.toString();
    }

    private static String renderGo(OllamaPromptTemplate template, List<ChatMessage> messages,
                                   List<Map<String, Object>> tools, Boolean think) {
        TemplateValues values = TemplateValues.of(messages.stream().map(TemplateMessage::from).toList());
        if (tools != null && !tools.isEmpty()) {
            values = values.withTools(tools);
        }
        if (think != null) {
            values = values.withThink(think, think ? "medium" : null);
        }
        try {
            return template.render(values);
        } catch (GoTemplateException | IllegalArgumentException e) {
            throw new ApiError(500, e.getMessage(), e);
        }
    }

    /** The oldest message that may go: not a system message, not the last one. */
    private static int firstDroppable(List<ChatMessage> messages) {
        for (int i = 0; i < messages.size() - 1; i++) {
            if (!messages.get(i).role().equals("system")) {
                return i;
            }
        }
        return -1;
    }

    /**
     * For qwen3 and deepseek-r1 models, assistant messages before the last user message lose
     * their {@code <think>…</think>} block (Ollama's filterThinkTags), as those models were trained.
     */
    static List<ChatMessage> filterThinkTags(List<ChatMessage> messages, String family, String modelName) {
        boolean applies = family.startsWith("qwen3") || modelName.contains("deepseek-r1");
        if (!applies) {
            return messages;
        }
        int lastUser = -1;
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).role().equals("user")) {
                lastUser = i;
            }
        }
        List<ChatMessage> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            if (i < lastUser && m.role().equals("assistant") && m.content().contains("</think>")) {
                m = new ChatMessage(m.role(), THINK_BLOCK.matcher(m.content()).replaceFirst(""), m.thinking(),
                        m.toolCalls(), m.toolName());
            }
            out.add(m);
        }
        return out;
    }
}
