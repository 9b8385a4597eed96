package jollama.server.cli;

import jollama.server.client.OllamaClient;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.Set;

/** {@code jollama pull MODEL [--insecure]}: the server pulls the model from its registry; progress on stderr. */
final class PullCommand implements Command {

    private final Map<String, String> env;

    PullCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "pull";
    }

    @Override
    public String summary() {
        return "Pull a model from a registry";
    }

    @Override
    public String usage() {
        return "MODEL [--insecure]\n  --insecure pulls over plain http (a local registry).";
    }

    @Override
    public Set<String> flags() {
        return Set.of("insecure");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        if (args.positionals().size() != 1) {
            throw new UsageException("pull takes one model");
        }
        pull(ServerConnection.connect(env), args.positionals().getFirst(), args.flag("insecure"), err);
        return 0;
    }

    /** Pulls with Ollama's progress display; {@code run} uses it for a model that is not there yet. */
    static void pull(OllamaClient client, String model, boolean insecure, PrintStream err) throws IOException {
        try (ProgressDisplay display = new ProgressDisplay(err, ProgressDisplay.Style.PULL)) {
            client.pull(model, insecure, display);
        }
    }
}
