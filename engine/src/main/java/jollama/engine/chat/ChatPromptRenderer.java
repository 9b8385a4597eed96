package jollama.engine.chat;

import jollama.engine.template.ChatTemplate;
import jollama.engine.tokenizer.Tokenizer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a conversation into the prompt text the model was trained on, with the model's own
 * Jinja chat template ({@code tokenizer.chat_template}).
 */
public final class ChatPromptRenderer {

    private final ChatTemplate template;
    private final String bosToken;
    private final String eosToken;

    public ChatPromptRenderer(ChatTemplate template, Tokenizer tokenizer) {
        this.template = template;
        this.bosToken = tokenizer.bosId() >= 0 ? tokenizer.vocabulary().text(tokenizer.bosId()) : "";
        this.eosToken = tokenizer.eosId() >= 0 ? tokenizer.vocabulary().text(tokenizer.eosId()) : "";
    }

    /**
     * @param tools    tool definitions as JSON-like maps ({@code {"type":"function","function":{...}}}), or empty
     * @param thinking null to leave the template's default, else the value of {@code enable_thinking}
     */
    public String render(List<ChatMessage> messages, List<Map<String, Object>> tools, Boolean thinking) {
        Map<String, Object> context = new HashMap<>();
        context.put("messages", messages.stream().map(ChatMessage::toTemplateValue).toList());
        if (tools != null && !tools.isEmpty()) {
            context.put("tools", tools);
        }
        context.put("add_generation_prompt", true);
        context.put("bos_token", bosToken);
        context.put("eos_token", eosToken);
        if (thinking != null) {
            context.put("enable_thinking", thinking);
        }
        return template.render(context);
    }
}
