package jollama.engine.template;

import jollama.models.testmodel.Qwen3TokenizerData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Branches of the Qwen3 template the golden cases do not reach. Expected prompts worked out by
 * hand from the template text (and confirmed with jinja2 set up as transformers sets it up).
 */
class Qwen3ChatTemplateTest {

    private static ChatTemplate qwen3;

    @BeforeAll
    static void compile() {
        qwen3 = ChatTemplate.compile(Qwen3TokenizerData.load().chatTemplate());
    }

    private static Map<String, Object> message(String role, String content) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("content", content);
        return m;
    }

    private static Map<String, Object> context(List<Map<String, Object>> messages, boolean generationPrompt) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("messages", messages);
        context.put("add_generation_prompt", generationPrompt);
        return context;
    }

    @Test
    void thinkingDisabledPrefillsAnEmptyThinkBlock() {
        Map<String, Object> context = context(List.of(message("user", "Hi")), true);
        context.put("enable_thinking", false);
        assertEquals("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n",
                qwen3.render(context));
    }

    @Test
    void thinkingEnabledLeavesTheAssistantTurnOpen() {
        Map<String, Object> context = context(List.of(message("user", "Hi")), true);
        context.put("enable_thinking", true);
        assertEquals("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", qwen3.render(context));
    }

    @Test
    void reasoningAfterTheLastQueryIsKeptInAThinkBlock() {
        Map<String, Object> answer = message("assistant", "A");
        answer.put("reasoning_content", "R");
        assertEquals("<|im_start|>user\nQ<|im_end|>\n<|im_start|>assistant\n<think>\nR\n</think>\n\nA<|im_end|>\n",
                qwen3.render(context(List.of(message("user", "Q"), answer), false)));
    }

    @Test
    void consecutiveToolResultsShareOneUserTurn() {
        Map<String, Object> call = message("assistant", "");
        // Arguments given as a JSON string are inserted as they are, not re-encoded.
        call.put("tool_calls", List.of(Map.of("function", Map.of("name", "f", "arguments", "{\"a\": 1}"))));
        String expected = "<|im_start|>user\nQ<|im_end|>\n"
                + "<|im_start|>assistant\n<tool_call>\n{\"name\": \"f\", \"arguments\": {\"a\": 1}}\n</tool_call><|im_end|>\n"
                + "<|im_start|>user\n<tool_response>\nr1\n</tool_response>\n<tool_response>\nr2\n</tool_response><|im_end|>\n"
                + "<|im_start|>assistant\n";
        assertEquals(expected, qwen3.render(context(
                List.of(message("user", "Q"), call, message("tool", "r1"), message("tool", "r2")), true)));
    }
}
