package jollama.server.cli;

import jollama.engine.chat.ChatMessage;
import jollama.models.ModelException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The interactive chat of {@code ollama run} (cmd/interactive.go): prompt {@code >>> }, history
 * kept across turns, {@code """} for multi-line input, slash commands, end of input (Ctrl-D) or
 * {@code /bye} to leave. It reads lines from any Reader, so a script can drive it; line editing
 * is the terminal's own (cooked mode), as the JDK offers no raw mode.
 */
final class ChatSession {

    private static final String PROMPT = ">>> ";
    private static final String CONTINUATION = "... ";

    private final ChatBackend backend;
    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, Object> parameters;
    private final List<ChatMessage> messages = new ArrayList<>();
    private final MultilineInput input = new MultilineInput();
    private Boolean think;
    private final boolean hideThinking;
    private boolean verbose;
    private String system = "";
    private volatile boolean discardInput;

    ChatSession(ModelHandle handle, RunOptions options, BufferedReader in, PrintStream out, PrintStream err,
                boolean terminal) {
        this(new LocalChatBackend(handle, out, err, terminal), options, in, out, err);
    }

    /** Over any backend: a model in this process or one behind a server. */
    ChatSession(ChatBackend backend, RunOptions options, BufferedReader in, PrintStream out, PrintStream err) {
        this.backend = backend;
        this.in = in;
        this.out = out;
        this.err = err;
        this.parameters = new LinkedHashMap<>(options.parameters());
        this.think = options.think();
        this.hideThinking = options.hideThinking();
        this.verbose = options.verbose();
    }

    /** Runs until /bye or the end of the input. */
    void run() throws IOException {
        while (true) {
            out.print(input.continuing() ? CONTINUATION : PROMPT);
            out.flush();
            String line = in.readLine();
            if (line == null) {
                out.println();
                out.flush();
                return;
            }
            if (discardInput) { // Ctrl-C at the prompt dropped what had been typed so far
                discardInput = false;
                input.reset();
            }
            boolean goOn = switch (input.accept(line)) {
                case MultilineInput.Pending _ -> true;
                case MultilineInput.Message m -> send(m.text());
                case MultilineInput.SystemMessage s -> setSystem(s.text());
                case MultilineInput.Line l -> line(l.text());
            };
            if (!goOn) {
                return;
            }
        }
    }

    /** One line typed at the prompt: a slash command or a message. Returns false to leave. */
    private boolean line(String line) {
        if (line.startsWith("/bye") || line.startsWith("/exit")) {
            return false;
        }
        String[] words = line.strip().split("\\s+");
        if (line.startsWith("/set")) {
            if (words.length > 2 && words[1].equals("system")) {
                String text = String.join(" ", Arrays.asList(words).subList(2, words.length));
                return switch (input.system(text)) {
                    case MultilineInput.SystemMessage s -> setSystem(s.text());
                    default -> true;
                };
            }
            set(words);
        } else if (line.startsWith("/show")) {
            show(words);
        } else if (line.startsWith("/clear")) {
            messages.clear();
            if (!system.isEmpty()) {
                messages.add(ChatMessage.system(system));
            }
            out.println("Cleared session context");
        } else if (line.startsWith("/help") || line.startsWith("/?")) {
            Help.print(words.length > 1 ? words[1] : "", err);
        } else if (line.startsWith("/")) {
            out.println("Unknown command '" + words[0] + "'. Type /? for help");
        } else {
            send(line);
        }
        return true;
    }

    /**
     * Ctrl-C: stops the answer being generated; at the prompt it drops the input typed so far and
     * tells how to leave, as Ollama does. Runs on the signal thread.
     */
    void interrupt() {
        if (!backend.cancel()) {
            discardInput = true;
            out.print("\nUse Ctrl + d or /bye to exit.\n" + PROMPT);
            out.flush();
        }
    }

    /** The conversation so far, as the next answer will see it. */
    List<ChatMessage> history() {
        return List.copyOf(messages);
    }

    /** Sends a user message and shows the answer; the session goes on whatever happens. */
    private boolean send(String text) {
        if (text.isEmpty()) {
            return true;
        }
        messages.add(ChatMessage.user(text));
        try {
            ChatBackend.Answer reply = backend.answer(messages, parameters, think, hideThinking, verbose);
            if (!reply.cancelled()) {
                messages.add(new ChatMessage("assistant", reply.content(), reply.thinking(), List.of(), null));
            }
        } catch (ModelException | IllegalArgumentException | IOException e) {
            // the session goes on: a message too long for the context, or a failed reload after
            // /set parameter num_ctx, is not a reason to lose the chat
            messages.removeLast();
            err.println("Error: " + e.getMessage());
        }
        return true;
    }

    private boolean setSystem(String text) {
        system = text;
        ChatMessage message = ChatMessage.system(text);
        if (!messages.isEmpty() && messages.getLast().role().equals("system")) {
            messages.set(messages.size() - 1, message);
        } else {
            messages.add(message);
        }
        out.println("Set system message.");
        return true;
    }

    private void set(String[] words) {
        if (words.length < 2) {
            Help.print("set", err);
            return;
        }
        switch (words[1]) {
            case "parameter" -> setParameter(words);
            case "verbose" -> {
                verbose = true;
                out.println("Set 'verbose' mode.");
            }
            case "quiet" -> {
                verbose = false;
                out.println("Set 'quiet' mode.");
            }
            case "think" -> {
                think = Boolean.TRUE;
                out.println("Set 'think' mode.");
            }
            case "nothink" -> {
                think = Boolean.FALSE;
                out.println("Set 'nothink' mode.");
            }
            case "system" -> Help.print("set", err);
            default -> out.println("Unknown command '/set " + words[1] + "'. Type /? for help");
        }
    }

    private void setParameter(String[] words) {
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

    private void show(String[] words) {
        if (words.length < 2) {
            Help.print("show", err);
            return;
        }
        switch (words[1]) {
            case "info" -> showInfo();
            case "parameters" -> {
                if (parameters.isEmpty()) {
                    out.println("No parameters were specified for this model.");
                } else {
                    out.println("User defined parameters:");
                    parameters.forEach((k, v) -> out.printf("%-30s %s%n", k, v));
                    out.println();
                }
            }
            case "system" -> out.println(system.isEmpty() ? "No system message was specified for this model." : system);
            case "template" -> showTemplate();
            default -> out.println("Unknown command '/show " + words[1] + "'. Type /? for help");
        }
    }

    private void showInfo() {
        try {
            backend.showInfo(err);
        } catch (IOException e) {
            err.println("Error: " + e.getMessage());
        }
    }

    private void showTemplate() {
        try {
            String template = backend.template();
            out.println(template != null && !template.isEmpty() ? template
                    : "No prompt template was specified for this model.");
        } catch (IOException e) {
            err.println("Error: " + e.getMessage());
        }
    }

    private static String goQuote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

}
