package jollama.server.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the interactive chat's {@code /set} commands change (cmd/interactive.go), and so how each
 * answer is asked for. {@code /set system} is not here: the system message is part of the
 * conversation, which the session keeps. Messages are worded as Ollama's.
 */
final class ChatSettings {

    private final Map<String, Object> parameters;
    private final boolean hideThinking;
    private Object think;
    private boolean verbose;
    private Object format;

    /** @param format what {@code --format} asked: null, "json" or a JSON Schema */
    ChatSettings(RunOptions options, Object format) {
        this.parameters = new LinkedHashMap<>(options.parameters());
        this.think = options.think();
        this.hideThinking = options.hideThinking();
        this.verbose = options.verbose();
        this.format = format;
    }

    /** How the next answer is to be asked for. */
    ChatBackend.Turn turn() {
        return new ChatBackend.Turn(parameters, think, hideThinking, verbose, format);
    }

    /** The options set so far, in the order they were set. */
    Map<String, Object> parameters() {
        return new LinkedHashMap<>(parameters);
    }

    /** null for the model's default, a Boolean, or a level such as "high". */
    Object think() {
        return think;
    }

    /**
     * {@code /set WORD [ARGS...]}, {@code words[0]} being {@code /set} and {@code words[1]} there.
     * Usage goes to {@code err}, as Ollama prints its help there; the rest to {@code out}.
     */
    void set(String[] words, PrintStream out, PrintStream err) {
        switch (words[1]) {
            // Nothing to print, as in Ollama. The JDK reads lines in the terminal's cooked mode,
            // which keeps no history, so there is nothing to switch either.
            case "history", "nohistory" -> { }
            // Replies are never re-wrapped here (the terminal wraps them as they come), so both
            // are only acknowledged, as Ollama words it, for scripts written for Ollama.
            case "wordwrap", "nowordwrap" -> out.println("Set '" + words[1] + "' mode.");
            case "format" -> {
                if (words.length < 3 || !words[2].equals("json")) {
                    out.println("Invalid or missing format. For 'json' mode use '/set format json'");
                } else {
                    format = "json";
                    out.println("Set format to 'json' mode.");
                }
            }
            case "noformat" -> {
                format = null;
                out.println("Disabled format.");
            }
            case "verbose" -> {
                verbose = true;
                out.println("Set 'verbose' mode.");
            }
            case "quiet" -> {
                verbose = false;
                out.println("Set 'quiet' mode.");
            }
            case "think" -> {
                // a level is passed on as it is: the server knows which levels the model takes
                if (words.length > 2) {
                    think = words[2];
                    out.println("Set 'think' mode to '" + words[2] + "'.");
                } else {
                    think = Boolean.TRUE;
                    out.println("Set 'think' mode.");
                }
            }
            case "nothink" -> {
                think = Boolean.FALSE;
                out.println("Set 'nothink' mode.");
            }
            case "parameter" -> setParameter(words, out, err);
            default -> out.println("Unknown command '/set " + words[1] + "'. Type /? for help");
        }
    }

    private void setParameter(String[] words, PrintStream out, PrintStream err) {
        if (words.length < 4) {
            Help.print("parameters", err);
            return;
        }
        List<String> values = Arrays.asList(words).subList(3, words.length);
        try {
            parameters.putAll(ParameterValues.parse(words[2], values));
            out.println("Set parameter '" + words[2] + "' to '" + String.join(", ", values) + "'");
        } catch (IllegalArgumentException e) {
            out.println("Couldn't set parameter: " + goQuote(e.getMessage())); // Ollama prints it with %q
        }
    }

    private static String goQuote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
