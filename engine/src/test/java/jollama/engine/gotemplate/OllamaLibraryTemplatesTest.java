package jollama.engine.gotemplate;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Templates as Ollama ships them (qwen3 and llama3.2 from its library, the Mistral tools
 * example and ChatML from its template docs), written out in test resources. Each expected
 * prompt was worked out by hand, action by action: trim markers, the {@code $last} and
 * {@code $lastUserIdx} bookkeeping, Go's JSON for tools (struct order, sorted top-level
 * properties) and for call arguments (sorted keys).
 */
class OllamaLibraryTemplatesTest {

    private static OllamaPromptTemplate load(String name) {
        try (InputStream in = OllamaLibraryTemplatesTest.class.getResourceAsStream("/gotemplate/" + name)) {
            return OllamaPromptTemplate.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TemplateToolCall weatherCall(String... keyValues) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            args.put(keyValues[i], keyValues[i + 1]);
        }
        return new TemplateToolCall("call_1", 0, "get_weather", args);
    }

    private static final String QWEN3_SYSTEM_WITH_TOOLS = "<|im_start|>system\nYou are a weather bot.\n\n# Tools\n\n"
            + "You may call one or more functions to assist with the user query.\n\n"
            + "You are provided with function signatures within <tools></tools> XML tags:\n<tools>\n"
            + "{\"type\": \"function\", \"function\": " + ToolFixtures.WEATHER_FUNCTION_JSON + "}\n</tools>\n\n"
            + "For each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n"
            + "<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call><|im_end|>\n";

    @Test
    void qwen3ToolConversation() {
        OllamaPromptTemplate qwen3 = load("qwen3.gotmpl");
        assertTrue(qwen3.usesMessages());
        TemplateValues values = TemplateValues.of(List.of(
                TemplateMessage.system("You are a weather bot."),
                TemplateMessage.user("What's the weather in Paris?"),
                TemplateMessage.assistant("", null, List.of(weatherCall("unit", "celsius", "city", "Paris"))),
                TemplateMessage.tool("get_weather", "18°C and sunny"))).withTools(List.of(ToolFixtures.weatherTool()));
        String expected = QWEN3_SYSTEM_WITH_TOOLS
                + "<|im_start|>user\nWhat's the weather in Paris?<|im_end|>\n"
                + "<|im_start|>assistant\n\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\":\"Paris\",\"unit\":\"celsius\"}}\n</tool_call><|im_end|>\n"
                + "<|im_start|>user\n<tool_response>\n18°C and sunny\n</tool_response><|im_end|>\n"
                + "<|im_start|>assistant\n<think>\n";
        assertEquals(expected, qwen3.render(values));
    }

    @Test
    void qwen3ShowsThinkingOnlyAfterTheLastUserMessageWhenThinkIsSet() {
        List<TemplateMessage> messages = List.of(
                TemplateMessage.user("Hi"),
                TemplateMessage.assistant("Hello!", "Greeting.", null),
                TemplateMessage.user("Weather in Paris?"),
                TemplateMessage.assistant("", "Need the tool.", List.of(weatherCall("city", "Paris"))),
                TemplateMessage.tool("get_weather", "18°C"));
        String tail = "<|im_start|>user\n<tool_response>\n18°C\n</tool_response><|im_end|>\n<|im_start|>assistant\n<think>\n";
        String call = "\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\":\"Paris\"}}\n</tool_call><|im_end|>\n";
        // No system prompt and no tools: the system block is left out.
        assertEquals("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello!<|im_end|>\n"
                        + "<|im_start|>user\nWeather in Paris?<|im_end|>\n"
                        + "<|im_start|>assistant\n<think>Need the tool.</think>\n" + call + tail,
                load("qwen3.gotmpl").render(TemplateValues.of(messages).withThink(true, "")));
        assertEquals("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello!<|im_end|>\n"
                        + "<|im_start|>user\nWeather in Paris?<|im_end|>\n"
                        + "<|im_start|>assistant\n" + call + tail,
                load("qwen3.gotmpl").render(TemplateValues.of(messages)));
    }

    @Test
    void qwen3ContinuesAFinalAssistantMessage() {
        assertEquals("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHel",
                load("qwen3.gotmpl").render(TemplateValues.of(List.of(TemplateMessage.user("Hi"), TemplateMessage.assistant("Hel")))));
    }

    private static final String LLAMA_HEADER = "<|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\n\n";

    @Test
    void llama32Chat() {
        assertEquals(LLAMA_HEADER + "<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHello<|eot_id|>"
                        + "<|start_header_id|>assistant<|end_header_id|>\n\nHi there<|eot_id|>"
                        + "<|start_header_id|>user<|end_header_id|>\n\nBye<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
                load("llama3.2.gotmpl").render(TemplateValues.of(List.of(
                        TemplateMessage.user("Hello"), TemplateMessage.assistant("Hi there"), TemplateMessage.user("Bye")))));
    }

    @Test
    void llama32PutsToolsIntoTheLastUserMessage() {
        TemplateValues values = TemplateValues.of(List.of(TemplateMessage.system("You are helpful."),
                TemplateMessage.user("Weather in Paris?"))).withTools(List.of(ToolFixtures.weatherTool()));
        assertEquals(LLAMA_HEADER + "You are helpful.When you receive a tool call response, use the output to format an answer "
                        + "to the orginal user question.\n\nYou are a helpful assistant with tool calling capabilities.<|eot_id|>"
                        + "<|start_header_id|>user<|end_header_id|>\n\nGiven the following functions, please respond with a JSON for "
                        + "a function call with its proper arguments that best answers the given prompt.\n\n"
                        + "Respond in the format {\"name\": function name, \"parameters\": dictionary of argument name and its value}. "
                        + "Do not use variables.\n\n" + ToolFixtures.WEATHER_TOOL_JSON + "\n\nWeather in Paris?<|eot_id|>"
                        + "<|start_header_id|>assistant<|end_header_id|>\n\n",
                load("llama3.2.gotmpl").render(values));
    }

    @Test
    void llama32ToolCallAndResult() {
        TemplateValues values = TemplateValues.of(List.of(
                TemplateMessage.user("Weather in Paris?"),
                TemplateMessage.assistant("", null, List.of(weatherCall("city", "Paris"))),
                TemplateMessage.tool("get_weather", "18"))).withTools(List.of(ToolFixtures.weatherTool()));
        assertEquals(LLAMA_HEADER + "When you receive a tool call response, use the output to format an answer "
                        + "to the orginal user question.\n\nYou are a helpful assistant with tool calling capabilities.<|eot_id|>"
                        + "<|start_header_id|>user<|end_header_id|>\n\nWeather in Paris?<|eot_id|>"
                        + "<|start_header_id|>assistant<|end_header_id|>\n\n{\"name\": \"get_weather\", \"parameters\": {\"city\":\"Paris\"}}<|eot_id|>"
                        + "<|start_header_id|>ipython<|end_header_id|>\n\n18<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
                load("llama3.2.gotmpl").render(values));
    }

    @Test
    void mistralToolsWithJsonFunction() {
        OllamaPromptTemplate mistral = load("mistral-tools.gotmpl");
        String available = "[AVAILABLE_TOOLS] [" + ToolFixtures.WEATHER_TOOL_JSON + "][/AVAILABLE_TOOLS]";
        assertEquals(available + "[INST] Be brief.\n\nWeather in Paris?[/INST]",
                mistral.render(TemplateValues.of(List.of(TemplateMessage.system("Be brief."), TemplateMessage.user("Weather in Paris?")))
                        .withTools(List.of(ToolFixtures.weatherTool()))));
        TemplateValues history = TemplateValues.of(List.of(
                TemplateMessage.user("Weather in Paris?"),
                TemplateMessage.assistant("", null, List.of(weatherCall("unit", "celsius", "city", "Paris"))),
                TemplateMessage.tool("get_weather", "{\"temp\": 18}"),
                TemplateMessage.user("Thanks!"))).withTools(List.of(ToolFixtures.weatherTool()));
        assertEquals("[INST] Weather in Paris?[/INST]"
                        + "[TOOL_CALLS] [{\"name\": \"get_weather\", \"arguments\": {\"city\":\"Paris\",\"unit\":\"celsius\"}}]</s>"
                        + "[TOOL_RESULTS] {\"content\": {\"temp\": 18}}[/TOOL_RESULTS]"
                        + available + "[INST] Thanks![/INST]",
                mistral.render(history));
    }

    @Test
    void chatMlFromTheTemplateDocs() {
        OllamaPromptTemplate chatml = OllamaPromptTemplate.parse(
                "{{- range .Messages }}<|im_start|>{{ .Role }}\n{{ .Content }}<|im_end|>\n{{ end }}<|im_start|>assistant\n");
        assertEquals("<|im_start|>system\nBe nice.<|im_end|>\n<|im_start|>user\nHi\n\nAre you there?<|im_end|>\n<|im_start|>assistant\n",
                chatml.render(TemplateValues.of(List.of(TemplateMessage.system("Be nice."), TemplateMessage.user("Hi"),
                        TemplateMessage.user("Are you there?")))));
    }
}
