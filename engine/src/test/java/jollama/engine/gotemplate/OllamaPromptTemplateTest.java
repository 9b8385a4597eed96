package jollama.engine.gotemplate;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static jollama.engine.gotemplate.ToolFixtures.kv;
import static jollama.engine.gotemplate.ToolFixtures.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ollama's rendering modes and template values (template/template.go): expectations are
 * worked out by hand from its Execute algorithm and Go's template semantics.
 */
class OllamaPromptTemplateTest {

    private static final List<TemplateMessage> CHAT = List.of(
            TemplateMessage.user("Hello friend!"),
            TemplateMessage.assistant("Hello human!"),
            TemplateMessage.user("What is your name?"));

    private static String render(String template, TemplateValues values) {
        return OllamaPromptTemplate.parse(template).render(values);
    }

    @Test
    void legacyTemplateRendersOneExchangeAtATime() {
        // No .Messages and no .Response: Ollama appends {{ .Response }}.
        String t = "[INST] {{ if .System }}{{ .System }}\n\n{{ end }}{{ .Prompt }}[/INST] ";
        assertFalse(OllamaPromptTemplate.parse(t).usesMessages());
        assertEquals("[INST] Hello friend![/INST] Hello human![INST] What is your name?[/INST] ",
                render(t, TemplateValues.of(CHAT)));
        List<TemplateMessage> withSystem = new java.util.ArrayList<>(CHAT);
        withSystem.addFirst(TemplateMessage.system("You are a helpful assistant!"));
        // The system prompt belongs to the first exchange only.
        assertEquals("[INST] You are a helpful assistant!\n\nHello friend![/INST] Hello human![INST] What is your name?[/INST] ",
                render(t, TemplateValues.of(withSystem)));
    }

    @Test
    void legacyLastExchangeIsCutAfterResponse() {
        String t = "{{ if .System }}<|im_start|>system\n{{ .System }}<|im_end|>\n{{ end }}"
                + "{{ if .Prompt }}<|im_start|>user\n{{ .Prompt }}<|im_end|>\n{{ end }}"
                + "<|im_start|>assistant\n{{ .Response }}<|im_end|>\n";
        List<TemplateMessage> messages = List.of(TemplateMessage.system("S"), TemplateMessage.user("U1"),
                TemplateMessage.assistant("A1"), TemplateMessage.user("U2"));
        assertEquals("<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nU1<|im_end|>\n<|im_start|>assistant\nA1<|im_end|>\n"
                + "<|im_start|>user\nU2<|im_end|>\n<|im_start|>assistant\n", render(t, TemplateValues.of(messages)));
        // A final assistant message is continued: its text ends the prompt, unterminated.
        assertEquals("<|im_start|>user\nU1<|im_end|>\n<|im_start|>assistant\nPar",
                render(t, TemplateValues.of(List.of(TemplateMessage.user("U1"), TemplateMessage.assistant("Par")))));
    }

    @Test
    void legacyCutDropsTheRestOfTheCommandToo() {
        String t = "{{ .Prompt }}: {{ print .Response \"END\" }}!";
        assertEquals("q: ", render(t, TemplateValues.of(List.of(TemplateMessage.user("q")))));
    }

    @Test
    void legacyCutBeforeAnElseBranchFailsAsInOllama() {
        OllamaPromptTemplate t = OllamaPromptTemplate.parse("{{ if .Prompt }}{{ .Response }}{{ else }}x{{ end }}");
        assertThrows(GoTemplateException.class, () -> t.render(TemplateValues.of(List.of(TemplateMessage.user("a")))));
    }

    @Test
    void legacyModeSkipsToolMessagesAndHasNoMessagesKeys() {
        // (.Tools comes before .Response: the last exchange is cut after .Response.)
        String t = "{{ .System }}|{{ .Prompt }}|{{ .Tools }}|{{ .Response }}";
        List<TemplateMessage> messages = List.of(TemplateMessage.system("s"), TemplateMessage.user("u"),
                TemplateMessage.tool("f", "result"));
        assertEquals("s|u|<no value>|", render(t, TemplateValues.of(messages)));
    }

    @Test
    void messagesTemplateRendersOnce() {
        String t = "{{- range .Messages }}<|im_start|>{{ .Role }}\n{{ .Content }}<|im_end|>\n{{ end }}<|im_start|>assistant\n";
        assertTrue(OllamaPromptTemplate.parse(t).usesMessages());
        List<TemplateMessage> messages = new java.util.ArrayList<>(CHAT);
        messages.addFirst(TemplateMessage.system("You are a helpful assistant!"));
        assertEquals("<|im_start|>system\nYou are a helpful assistant!<|im_end|>\n<|im_start|>user\nHello friend!<|im_end|>\n"
                + "<|im_start|>assistant\nHello human!<|im_end|>\n<|im_start|>user\nWhat is your name?<|im_end|>\n"
                + "<|im_start|>assistant\n", render(t, TemplateValues.of(messages)));
    }

    @Test
    void messagesAreCollated() {
        String t = "{{ .System }}|{{ range .Messages }}{{ .Role }}:{{ .Content }};{{ end }}";
        List<TemplateMessage> messages = List.of(TemplateMessage.system("A"), TemplateMessage.system("B"),
                TemplateMessage.user("x"), TemplateMessage.user("y"), TemplateMessage.tool("f", "t1"),
                TemplateMessage.tool("g", "t2"), TemplateMessage.system("C"));
        assertEquals("A\n\nB\n\nC|system:A\n\nB;user:x\n\ny;tool:t1;tool:t2;system:C;", render(t, TemplateValues.of(messages)));
    }

    @Test
    void keysAModeDoesNotSetPrintNoValue() {
        assertEquals("<no value>|", render("{{ .Prompt }}|{{ range .Messages }}{{ end }}", TemplateValues.of(List.of())));
        // In messages mode Response is "" (set), so it prints nothing.
        assertEquals("[]", render("[{{ .Response }}]{{ range .Messages }}{{ end }}", TemplateValues.of(List.of())));
    }

    @Test
    void fillInTheMiddleUsesPromptAndSuffix() {
        String t = "{{- if .Suffix }}<PRE> {{ .Prompt }} <SUF>{{ .Suffix }} <MID>{{- else }}{{ .Prompt }}{{- end }}";
        assertEquals("<PRE> def add( <SUF>return x <MID>", render(t, TemplateValues.fillInMiddle("def add(", "return x")));
        // Without a suffix the same template renders the conversation (legacy mode, no .Suffix key).
        assertEquals("hello", render(t, TemplateValues.of(List.of(TemplateMessage.user("hello")))));
    }

    @Test
    void messageFields() {
        String t = "{{ range .Messages }}{{ .Role }}|{{ .Content }}|{{ .Thinking }}|{{ .ToolName }}|{{ .ToolCallID }}"
                + "|{{ len .Images }}|{{ if .ToolCalls }}calls{{ else }}none{{ end }};{{ end }}";
        List<TemplateMessage> messages = List.of(
                new TemplateMessage("user", "look", null, List.of(new byte[] {1, 2}), null, null, null),
                TemplateMessage.assistant("", "hmm", List.of(TemplateToolCall.of("f", Map.of()))),
                new TemplateMessage("tool", "42", null, null, null, "f", "call_1"));
        assertEquals("user|look||||1|none;assistant||hmm|||0|calls;tool|42||f|call_1|0|none;",
                render(t, TemplateValues.of(messages)));
    }

    @Test
    void unknownMessageFieldIsAnError() {
        GoTemplateException e = assertThrows(GoTemplateException.class,
                () -> render("{{ range .Messages }}{{ .Foo }}{{ end }}", TemplateValues.of(List.of(TemplateMessage.user("x")))));
        assertEquals("template: :1:24: executing \"\" at <.Foo>: can't evaluate field Foo in type *template.templateMessage",
                e.getMessage());
    }

    @Test
    void toolsPrintAsJsonWithSortedTopLevelProperties() {
        TemplateValues values = TemplateValues.of(List.of(TemplateMessage.user("x"))).withTools(List.of(ToolFixtures.weatherTool()));
        String t = "{{ range .Messages }}{{ end }}{{ json .Tools }}\n{{ .Tools }}\n{{ range .Tools }}{{ . }}\n{{ .Function }}\n"
                + "{{ .Function.Name }}|{{ .Type }}|{{ .Function.Parameters.Required }}{{ end }}";
        assertEquals("[" + ToolFixtures.WEATHER_TOOL_JSON + "]\n[" + ToolFixtures.WEATHER_TOOL_JSON + "]\n"
                + ToolFixtures.WEATHER_TOOL_JSON + "\n" + ToolFixtures.WEATHER_FUNCTION_JSON + "\nget_weather|function|[city]",
                render(t, values));
    }

    @Test
    void noToolsIsNil() {
        assertEquals("F|null|null", render("{{ range .Messages }}{{ end }}{{ if .Tools }}T{{ else }}F{{ end }}|{{ json .Tools }}|{{ .Tools }}",
                TemplateValues.of(List.of())));
    }

    @Test
    void propertiesRangeSortedAndKnowTheirTypeScriptTypes() {
        Map<String, Object> nested = object(kv("type", "object"), kv("properties",
                object(kv("z", object(kv("type", "boolean"))), kv("a", object(kv("type", "number"))))));
        Map<String, Object> choice = object(kv("anyOf", List.of(object(kv("type", "string")), object(kv("type", "array")))));
        Map<String, Object> properties = object(
                kv("n", object(kv("type", List.of("integer", "null")))),
                kv("city", object(kv("type", "string"))),
                kv("any", object()),
                kv("choice", choice),
                kv("nested", nested));
        Map<String, Object> tool = object(kv("type", "function"), kv("function", object(kv("name", "f"),
                kv("parameters", object(kv("type", "object"), kv("properties", properties))))));
        String t = "{{ range .Messages }}{{ end }}{{ range .Tools }}{{ range $name, $p := .Function.Parameters.Properties }}"
                + "{{ $name }}:{{ $p.Type }}:{{ toTypeScriptType $p }}:{{ $p.ToTypeScriptType }};{{ end }}"
                + "{{ json .Function.Parameters.Properties.nested }}{{ .Function.Parameters.Properties.missing.Description }}"
                + "{{ toTypeScriptType \"x\" }}{{ end }}";
        // Nested properties keep their order (Ollama's ordered map); a missing key is a zero ToolProperty.
        assertEquals("any::any:any;choice::string | any[]:string | any[];city:string:string:string;"
                        + "n:[integer null]:number | null:number | null;nested:object:Record<string, any>:Record<string, any>;"
                        + "{\"type\":\"object\",\"properties\":{\"z\":{\"type\":\"boolean\"},\"a\":{\"type\":\"number\"}}}any",
                render(t, TemplateValues.of(List.of()).withTools(List.of(tool))));
    }

    @Test
    void toolCallArgumentsPrintAsSortedJson() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("unit", "celsius");
        args.put("city", "Paris");
        args.put("days", 3);
        args.put("opts", object(kv("z", 1), kv("a", List.of(1.5, "<x>"))));
        TemplateMessage call = TemplateMessage.assistant("", null, List.of(new TemplateToolCall("call_7", 2, "get_weather", args)));
        String t = "{{ range .Messages }}{{ range .ToolCalls }}{{ .ID }}#{{ .Function.Index }} {{ .Function.Name }} "
                + "{{ .Function.Arguments }}\n{{ json .Function.Arguments }}\n"
                + "{{ range $k, $v := .Function.Arguments }}{{ $k }}={{ $v }};{{ end }}{{ end }}{{ end }}";
        String json = "{\"city\":\"Paris\",\"days\":3,\"opts\":{\"a\":[1.5,\"\\u003cx\\u003e\"],\"z\":1},\"unit\":\"celsius\"}";
        assertEquals("call_7#2 get_weather " + json + "\n" + json + "\ncity=Paris;days=3;opts=map[a:[1.5 <x>] z:1];unit=celsius;",
                render(t, TemplateValues.of(List.of(call))));
    }

    @Test
    void argumentsNumbersAreFloat64AsInGo() {
        TemplateMessage call = TemplateMessage.assistant("", null, List.of(TemplateToolCall.of("f", Map.of("n", 2))));
        GoTemplateException e = assertThrows(GoTemplateException.class, () -> render(
                "{{ range .Messages }}{{ range .ToolCalls }}{{ eq .Function.Arguments.n 2 }}{{ end }}{{ end }}",
                TemplateValues.of(List.of(call))));
        assertTrue(e.getMessage().endsWith("error calling eq: incompatible types for comparison"), e.getMessage());
        assertEquals("true", render("{{ range .Messages }}{{ range .ToolCalls }}{{ eq .Function.Arguments.n 2.0 }}{{ end }}{{ end }}",
                TemplateValues.of(List.of(call))));
    }

    @Test
    void callWithoutArgumentsPrintsEmptyObjectButJsonNull() {
        TemplateMessage call = TemplateMessage.assistant("", null, List.of(TemplateToolCall.of("f", null)));
        assertEquals("{}|null", render("{{ range .Messages }}{{ range .ToolCalls }}{{ .Function.Arguments }}|{{ json .Function.Arguments }}{{ end }}{{ end }}",
                TemplateValues.of(List.of(call))));
    }

    @Test
    void thinkValues() {
        String t = "{{ range .Messages }}{{ end }}{{ .Think }} {{ .ThinkLevel }} {{ .IsThinkSet }}";
        assertEquals("false  false", render(t, TemplateValues.of(List.of())));
        assertEquals("true high true", render(t, TemplateValues.of(List.of()).withThink(true, "high")));
        // Legacy mode passes the think values too.
        assertEquals("true  true", render("{{ .Think }} {{ .ThinkLevel }} {{ .IsThinkSet }}",
                TemplateValues.of(List.of(TemplateMessage.user("x"))).withThink(true, "")));
    }

    @Test
    void datesComeFromTheClock() {
        Clock clock = Clock.fixed(Instant.parse("2024-03-01T10:00:00Z"), ZoneOffset.UTC);
        OllamaPromptTemplate t = OllamaPromptTemplate.parse("{{ range .Messages }}{{ end }}{{ currentDate }} {{ yesterdayDate }} {{ currentDate \"2006\" }}");
        assertEquals("2024-03-01 2024-02-29 2024-03-01", t.render(TemplateValues.of(List.of()), clock));
    }

    @Test
    void parseErrorsNameOllamaFunctionsAsKnown() {
        OllamaPromptTemplate.parse("{{ json . }}{{ toTypeScriptType . }}");
        GoTemplateException e = assertThrows(GoTemplateException.class, () -> OllamaPromptTemplate.parse("{{ toJson . }}"));
        assertEquals("template: :1: function \"toJson\" not defined", e.getMessage());
    }

    @Test
    void toolKeysMatchCaseInsensitivelyAndBadTypesAreRefused() {
        Map<String, Object> tool = object(kv("Type", "function"), kv("FUNCTION", object(kv("Name", "f"))));
        assertEquals("function f", render("{{ range .Messages }}{{ end }}{{ range .Tools }}{{ .Type }} {{ .Function.Name }}{{ end }}",
                TemplateValues.of(List.of()).withTools(List.of(tool))));
        Map<String, Object> bad = object(kv("type", "function"), kv("function", object(kv("name", 3))));
        assertThrows(IllegalArgumentException.class, () -> render("{{ .Messages }}", TemplateValues.of(List.of()).withTools(List.of(bad))));
    }
}
