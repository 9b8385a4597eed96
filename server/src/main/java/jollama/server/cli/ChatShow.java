package jollama.server.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The interactive chat's {@code /show info|license|modelfile|parameters|system|template}, printed
 * as cmd/interactive.go prints them: the info tables on stderr, the texts on stdout, the model's
 * texts seen through the session's system message and options.
 */
final class ChatShow {

    private final ChatBackend backend;
    private final PrintStream out;
    private final PrintStream err;

    ChatShow(ChatBackend backend, PrintStream out, PrintStream err) {
        this.backend = backend;
        this.out = out;
        this.err = err;
    }

    /**
     * @param topic      the word after {@code /show}
     * @param system     the session's system message, "" for none
     * @param parameters the session's options
     * @throws IOException when the model's texts cannot be had; the session goes on
     */
    void show(String topic, String system, Map<String, Object> parameters) throws IOException {
        switch (topic) {
            case "info" -> backend.showInfo(err);
            case "license", "modelfile", "parameters", "system", "template" ->
                    text(topic, backend.texts(system, parameters), system, parameters);
            default -> out.println("Unknown command '/show " + topic + "'. Type /? for help");
        }
    }

    private void text(String topic, ModelTexts texts, String system, Map<String, Object> parameters) {
        switch (topic) {
            case "license" -> out.println(present(texts.license()) ? texts.license()
                    : "No license was specified for this model.");
            case "modelfile" -> out.println(present(texts.modelfile()) ? texts.modelfile()
                    : "No Modelfile was specified for this model.");
            case "parameters" -> parameters(texts.parameters(), parameters);
            case "system" -> {
                if (!system.isEmpty()) {
                    out.println(system + "\n");
                } else if (present(texts.system())) {
                    out.println(texts.system() + "\n");
                } else {
                    out.println("No system message was specified for this model.");
                }
            }
            default -> out.println(present(texts.template()) ? texts.template()
                    : "No prompt template was specified for this model.");
        }
    }

    /** The model's parameters (the server's lines, indented), then the session's own. */
    private void parameters(String modelParameters, Map<String, Object> session) {
        out.println("Model defined parameters:");
        if (!present(modelParameters)) {
            out.println("  No additional parameters were specified for this model.");
        } else {
            modelParameters.lines().forEach(line -> out.println("  " + line));
        }
        out.println();
        if (!session.isEmpty()) {
            out.println("User defined parameters:");
            session.forEach((name, value) -> out.printf("  %-30s %s%n", name, goValue(value)));
            out.println();
        }
    }

    /** A value as Go's {@code %v} prints it: lists as {@code [a b]}, numbers without an exponent. */
    static String goValue(Object value) {
        return switch (value) {
            case List<?> list -> list.stream().map(ChatShow::goValue).collect(Collectors.joining(" ", "[", "]"));
            case Double d -> BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
            default -> String.valueOf(value);
        };
    }

    private static boolean present(String s) {
        return s != null && !s.isEmpty();
    }
}
