package jollama.server.cli;

import jollama.engine.chat.ChatMessage;
import jollama.models.ModelException;
import jollama.server.client.ApiException;
import jollama.server.store.ModelName;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The interactive chat of {@code ollama run} (cmd/interactive.go): prompt {@code >>> }, history
 * kept across turns, {@code """} for multi-line input, slash commands, end of input (Ctrl-D) or
 * {@code /bye} to leave. It reads lines from any Reader, so a script can drive it; line editing
 * is the terminal's own (cooked mode), as the JDK offers no raw mode. Where Ollama's chat would
 * quit on a failed command, this one reports it and goes on.
 */
final class ChatSession {

    private static final String PROMPT = ">>> ";
    private static final String CONTINUATION = "... ";

    private final ChatBackend backend;
    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;
    private final ChatSettings settings;
    private final ChatShow show;
    private final List<ChatMessage> messages = new ArrayList<>();
    private final MultilineInput input = new MultilineInput();
    private String system = "";
    private volatile boolean discardInput;

    ChatSession(ModelHandle handle, RunOptions options, BufferedReader in, PrintStream out, PrintStream err,
                boolean terminal) {
        this(new LocalChatBackend(handle, out, err, terminal), options, in, out, err);
    }

    /** Over any backend: a model in this process or one behind a server. */
    ChatSession(ChatBackend backend, RunOptions options, BufferedReader in, PrintStream out, PrintStream err) {
        this(backend, options, null, in, out, err);
    }

    /** @param format what {@code --format} asked (null, "json" or a JSON Schema), until {@code /set noformat} */
    ChatSession(ChatBackend backend, RunOptions options, Object format, BufferedReader in, PrintStream out,
                PrintStream err) {
        this.backend = backend;
        this.in = in;
        this.out = out;
        this.err = err;
        this.settings = new ChatSettings(options, format);
        this.show = new ChatShow(backend, out, err);
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
        if (line.startsWith("/list")) {
            list(words);
        } else if (line.startsWith("/load")) {
            load(words);
        } else if (line.startsWith("/save")) {
            save(words);
        } else if (line.startsWith("/clear")) {
            clear();
            out.println("Cleared session context");
        } else if (line.startsWith("/set")) {
            return set(words);
        } else if (line.startsWith("/show")) {
            show(words);
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
            ChatBackend.Answer reply = backend.answer(messages, settings.turn());
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

    /** {@code /clear}: the conversation goes, the system message stays. */
    private void clear() {
        messages.clear();
        if (!system.isEmpty()) {
            messages.add(ChatMessage.system(system));
        }
    }

    private boolean set(String[] words) {
        if (words.length < 2) {
            Help.print("set", err);
            return true;
        }
        if (!words[1].equals("system")) {
            settings.set(words, out, err);
            return true;
        }
        if (words.length < 3) {
            Help.print("set", err);
            return true;
        }
        String text = String.join(" ", Arrays.asList(words).subList(2, words.length));
        return switch (input.system(text)) {
            case MultilineInput.SystemMessage s -> setSystem(s.text());
            default -> true;
        };
    }

    private void show(String[] words) {
        if (words.length < 2) {
            Help.print("show", err);
            return;
        }
        try {
            show.show(words[1], system, settings.parameters());
        } catch (IOException e) {
            err.println("Error: " + e.getMessage());
        }
    }

    private void list(String[] words) {
        try {
            backend.list(words.length > 1 ? words[1] : "", out);
        } catch (IOException e) {
            err.println("Error: " + e.getMessage());
        }
    }

    /**
     * {@code /load MODEL}, as Ollama's: the chat goes on with that model and an empty history;
     * a model that is not there leaves everything as it was. The system message set with
     * {@code /set system} goes with the history, so the new model starts with its own.
     */
    private void load(String[] words) {
        if (words.length != 2) {
            out.println("Usage:\n  /load <modelname>");
            return;
        }
        String model = words[1];
        out.println("Loading model '" + model + "'");
        try {
            backend.load(model, settings.think());
        } catch (ApiException e) {
            if (e.isNotFound() || e.getMessage().contains("not found")) {
                out.println("Couldn't find model '" + model + "'");
            } else {
                err.println("Error: " + e.getMessage());
            }
            return;
        } catch (IOException e) {
            err.println("Error: " + e.getMessage());
            return;
        }
        system = "";
        messages.clear();
    }

    /** {@code /save NAME}: a model made of the current one and this session (see {@link SavedSession}). */
    private void save(String[] words) {
        if (words.length != 2) {
            out.println("Usage:\n  /save <modelname>");
            return;
        }
        String name = words[1];
        if (ModelName.tryParse(name).isEmpty()) {
            out.println("error: The model name '" + name + "' is invalid");
            return;
        }
        try {
            backend.save(name, new SavedSession(system, messages, settings.parameters()));
        } catch (IOException e) {
            err.println("Error: " + e.getMessage());
            return;
        }
        out.println("Created new model '" + name + "'");
    }
}
