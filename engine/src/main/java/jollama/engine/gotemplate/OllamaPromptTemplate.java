package jollama.engine.gotemplate;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model's TEMPLATE (Go text/template), rendered into a prompt exactly as Ollama renders it
 * (template/template.go): parsed with Ollama's functions and {@code missingkey=zero}, with
 * {@code {{ .Response }}} appended when the template mentions neither {@code .Messages} nor
 * {@code .Response}. Rendering picks one of three modes:
 * <ul>
 * <li>fill-in-the-middle (prompt and suffix both non-empty): once, with {@code .Prompt},
 *     {@code .Suffix}, {@code .Response} = "" and the think values;</li>
 * <li>the template mentions {@code .Messages}: once, with {@code .System} (all system messages),
 *     {@code .Messages} (collated), {@code .Tools}, {@code .Response} = "" and the think values;</li>
 * <li>otherwise (a legacy System/Prompt/Response template): once per finished exchange, and
 *     for the last exchange a copy cut just after {@code .Response}, so the prompt ends where the
 *     model continues (with the last assistant message, if any, already in it).</li>
 * </ul>
 * Keys a mode does not set print as {@code <no value>}, as they do in Ollama. Immutable and
 * thread-safe.
 */
public final class OllamaPromptTemplate {

    private final String source;
    private final GoTemplate template;
    private final boolean usesMessages;

    private OllamaPromptTemplate(String source, GoTemplate template, boolean usesMessages) {
        this.source = source;
        this.template = template;
        this.usesMessages = usesMessages;
    }

    /** Parses a TEMPLATE; a syntax error or an unknown function is a GoTemplateException. */
    public static OllamaPromptTemplate parse(String text) {
        GoTemplate parsed = GoTemplate.parse("", text, OllamaFunctions.withBuiltins(Clock.systemDefaultZone()));
        Set<String> vars = TemplateIdentifiers.of(parsed.parsed());
        if (!vars.contains("messages") && !vars.contains("response")) {
            int end = text.length();
            Node response = new Node.Action(new Pipeline(List.of(), false,
                    List.of(new Command(List.of(new Operand.Field(List.of("Response"), end)), end)), end), end);
            List<Node> root = new java.util.ArrayList<>(parsed.parsed().root());
            root.add(response);
            parsed = parsed.withTree(parsed.parsed().withRoot(root));
        }
        return new OllamaPromptTemplate(text, parsed, vars.contains("messages"));
    }

    /** The template text as given. */
    public String source() {
        return source;
    }

    /** Whether the template renders the whole conversation at once from {@code .Messages}. */
    public boolean usesMessages() {
        return usesMessages;
    }

    public String render(TemplateValues values) {
        return render(values, Clock.systemDefaultZone());
    }

    /** Renders with the given clock for {@code currentDate} and {@code yesterdayDate}. */
    public String render(TemplateValues values, Clock clock) {
        Map<String, GoFunction> functions = OllamaFunctions.withBuiltins(clock);
        Collation collated = Collation.of(values.messages());
        if (!values.prompt().isEmpty() && !values.suffix().isEmpty()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("Prompt", values.prompt());
            data.put("Suffix", values.suffix());
            data.put("Response", "");
            putThink(data, values);
            return template.execute(template.parsed(), GoMap.of(GoType.ANY_MAP, data), functions);
        }
        if (usesMessages) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("System", collated.system());
            data.put("Messages", MessageValues.messages(collated.messages()));
            data.put("Tools", ToolDecoder.tools(values.tools()));
            data.put("Response", "");
            putThink(data, values);
            return template.execute(template.parsed(), GoMap.of(GoType.ANY_MAP, data), functions);
        }
        return renderLegacy(collated, values, functions);
    }

    private String renderLegacy(Collation collated, TemplateValues values, Map<String, GoFunction> functions) {
        StringBuilder out = new StringBuilder();
        String system = "";
        String prompt = "";
        String response = "";
        for (TemplateMessage message : collated.messages()) {
            switch (message.role()) {
                case "system" -> {
                    if (!prompt.isEmpty() || !response.isEmpty()) {
                        out.append(legacyTurn(template.parsed(), system, prompt, response, values, functions));
                        prompt = "";
                        response = "";
                    }
                    system = message.content();
                }
                case "user" -> {
                    if (!response.isEmpty()) {
                        out.append(legacyTurn(template.parsed(), system, prompt, response, values, functions));
                        system = "";
                        response = "";
                    }
                    prompt = message.content();
                }
                case "assistant" -> response = message.content();
                default -> {
                    // Legacy templates have no place for tool results; Ollama skips them.
                }
            }
        }
        ParsedTemplate cut = template.parsed().withRoot(
                LegacyCut.apply(template.parsed().root(), template.name(), source));
        out.append(legacyTurn(cut, system, prompt, response, values, functions));
        return out.toString();
    }

    private String legacyTurn(ParsedTemplate tree, String system, String prompt, String response,
                              TemplateValues values, Map<String, GoFunction> functions) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("System", system);
        data.put("Prompt", prompt);
        data.put("Response", response);
        putThink(data, values);
        return template.execute(tree, GoMap.of(GoType.ANY_MAP, data), functions);
    }

    private static void putThink(Map<String, Object> data, TemplateValues values) {
        data.put("Think", values.think());
        data.put("ThinkLevel", values.thinkLevel());
        data.put("IsThinkSet", values.isThinkSet());
    }
}
