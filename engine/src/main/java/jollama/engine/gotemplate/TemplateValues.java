package jollama.engine.gotemplate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What Ollama renders a prompt from (its template.Values): the conversation, the tool
 * definitions, the prompt and suffix of a fill-in-the-middle generate request, and the think
 * settings. System prompts are system messages in {@code messages}.
 *
 * @param tools      tool definitions as parsed JSON objects ({@code {"type":"function","function":{...}}}),
 *                   or null for none
 * @param prompt     with a non-empty suffix: the text before the gap (fill-in-the-middle); else ignored
 * @param think      {@code .Think}
 * @param thinkLevel {@code .ThinkLevel} ("" when think is a bool)
 * @param isThinkSet {@code .IsThinkSet}: whether the request set think at all
 */
public record TemplateValues(List<TemplateMessage> messages, List<Map<String, Object>> tools, String prompt,
                             String suffix, boolean think, String thinkLevel, boolean isThinkSet) {

    public TemplateValues {
        messages = messages == null ? List.of() : List.copyOf(messages);
        tools = tools == null ? null : Collections.unmodifiableList(new ArrayList<>(tools));
        prompt = prompt == null ? "" : prompt;
        suffix = suffix == null ? "" : suffix;
        thinkLevel = thinkLevel == null ? "" : thinkLevel;
    }

    public static TemplateValues of(List<TemplateMessage> messages) {
        return new TemplateValues(messages, null, "", "", false, "", false);
    }

    /** A fill-in-the-middle request (generate with suffix). */
    public static TemplateValues fillInMiddle(String prompt, String suffix) {
        return new TemplateValues(List.of(), null, prompt, suffix, false, "", false);
    }

    public TemplateValues withTools(List<Map<String, Object>> newTools) {
        return new TemplateValues(messages, newTools, prompt, suffix, think, thinkLevel, isThinkSet);
    }

    /** Think set explicitly by the request: {@code .IsThinkSet} becomes true. */
    public TemplateValues withThink(boolean newThink, String level) {
        return new TemplateValues(messages, tools, prompt, suffix, newThink, level, true);
    }
}
