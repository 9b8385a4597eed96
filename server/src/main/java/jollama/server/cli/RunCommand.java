package jollama.server.cli;

import jollama.engine.Model;
import jollama.engine.chat.ChatMessage;
import jollama.engine.sampling.GenerationOptions;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code jollama run MODEL [PROMPT]}: {@code ollama run}. A model name goes to the server at
 * OLLAMA_HOST ({@link ServerRun}); a model file ({@code .gguf}, or a path that exists) runs in
 * this process. With a prompt, or with text piped in, it answers once (the text as a single user
 * message, chat template applied) and exits; at a terminal without a prompt it opens the
 * interactive chat.
 */
final class RunCommand implements Command {

    private final Terminal terminal;
    private final Map<String, String> env;

    RunCommand(Terminal terminal, Map<String, String> env) {
        this.terminal = terminal;
        this.env = env;
    }

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "Run a model: answer a prompt, or chat";
    }

    @Override
    public String usage() {
        return "MODEL [PROMPT...] [--verbose] [--think | --nothink] [--hidethinking]"
                + " [--parameter NAME=VALUE[,NAME=VALUE...]]\n"
                + "  [--keepalive DURATION] [--format json] [--insecure] [--dimensions N]\n"
                + "  MODEL is a model name (run by the server at OLLAMA_HOST, pulled first if missing) or a .gguf file\n"
                + "  (run in this process). Piped stdin is put before the prompt. Without a prompt at a terminal:\n"
                + "  interactive chat (/? for help).\n"
                + "  --parameter sets Ollama options (num_predict, temperature, num_ctx, seed, stop, ...).";
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of("parameter", "keepalive", "format", "dimensions");
    }

    @Override
    public Set<String> flags() {
        return Set.of("verbose", "think", "nothink", "hidethinking", "nowordwrap", "insecure");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        String target = args.positional(0, "MODEL (a model name or a .gguf file)");
        if (args.flag("think") && args.flag("nothink")) {
            throw new UsageException("--think and --nothink exclude each other");
        }
        Boolean think = args.flag("think") ? Boolean.TRUE : args.flag("nothink") ? Boolean.FALSE : null;
        Map<String, Object> parameters = args.options().containsKey("parameter")
                ? ParameterValues.parseList(args.option("parameter", "")) : Map.of();
        RunOptions options = new RunOptions(parameters, think, args.flag("hidethinking"), args.flag("verbose"));
        GenerationOptions generationOptions = options.generationOptions();

        List<String> words = args.positionals().subList(1, args.positionals().size());
        String prompt = String.join(" ", words);
        boolean interactive = words.isEmpty() && terminal.inIsTerminal() && terminal.outIsTerminal();
        if (!terminal.inIsTerminal()) {
            String piped = new String(terminal.in().readAllBytes(), StandardCharsets.UTF_8);
            prompt = piped.isEmpty() ? prompt : words.isEmpty() ? piped : piped + " " + prompt;
        }
        if (!isModelFile(target)) {
            return new ServerRun(terminal, env).run(target, prompt, interactive, options, ServerRun.Flags.of(args),
                    out, err);
        }
        Path path = ModelFiles.existing(target);

        ModelHandle handle;
        try (Spinner spinner = Spinner.start(err, terminal.outIsTerminal())) {
            handle = ModelHandle.open(settings -> Model.open(path, settings), generationOptions);
            spinner.stop();
        }
        try (handle) {
            Model model = handle.model();
            if (model.info().isEmbeddingModel()) {
                return embed(model, prompt, out, err);
            }
            if (think == Boolean.TRUE && !Capabilities.of(model).thinking()) {
                err.println("Error: \"" + model.info().name() + "\" does not support thinking");
                return 1;
            }
            if (interactive) {
                return chat(handle, options, out, err);
            }
            if (prompt.isEmpty()) {
                return 0; // as Ollama: an empty prompt only loads the model
            }
            Answerer answerer = new Answerer(out, err, terminal.outIsTerminal());
            Interrupts interrupts = Interrupts.install(answerer::cancel);
            try {
                answerer.answer(handle, List.of(ChatMessage.user(prompt)), generationOptions, think,
                        options.hideThinking(), options.verbose());
            } finally {
                interrupts.close();
            }
            return 0;
        }
    }

    private int chat(ModelHandle handle, RunOptions options, PrintStream out, PrintStream err) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(terminal.in(), StandardCharsets.UTF_8));
        ChatSession session = new ChatSession(handle, options, reader, out, err, true);
        Interrupts interrupts = Interrupts.install(() -> {
            session.interrupt();
            return true;
        });
        try {
            session.run();
        } finally {
            interrupts.close();
        }
        return 0;
    }

    /**
     * Whether the argument names a model file rather than a model the server knows: a
     * {@code .gguf} name, a path that exists, or one written as a path ({@code ./m}, {@code /m},
     * {@code ~/m}). Model names ({@code qwen3}, {@code user/m:tag}) are none of these.
     */
    static boolean isModelFile(String target) {
        if (target.toLowerCase(Locale.ROOT).endsWith(".gguf") || target.startsWith("/")
                || target.startsWith("./") || target.startsWith("../") || target.startsWith("~")) {
            return true;
        }
        try {
            return Files.isRegularFile(Path.of(target));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** Embedding models print the vector of the text as a JSON array, as {@code ollama run} does. */
    private static int embed(Model model, String text, PrintStream out, PrintStream err) {
        if (text.isBlank()) {
            err.println("Error: embedding models require input text. Usage: jollama run MODEL.gguf \"your text here\"");
            return 1;
        }
        float[] embedding = model.embed(text);
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < embedding.length; i++) {
            json.append(i > 0 ? "," : "").append(JsonNumbers.goFloat32(embedding[i]));
        }
        out.println(json.append(']'));
        out.flush();
        return 0;
    }
}
