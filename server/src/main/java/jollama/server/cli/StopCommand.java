package jollama.server.cli;

import jollama.server.client.ApiException;
import jollama.server.client.Cancellation;
import jollama.server.client.GenerateRequest;
import jollama.server.client.OllamaClient;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/** {@code jollama stop MODEL}: unloads a model now (a generate with an empty prompt and keep_alive 0). */
final class StopCommand implements Command {

    private final Map<String, String> env;

    StopCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "stop";
    }

    @Override
    public String summary() {
        return "Stop a running model";
    }

    @Override
    public String usage() {
        return "MODEL";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        if (args.positionals().size() != 1) {
            throw new UsageException("stop takes one model");
        }
        String model = args.positionals().getFirst();
        OllamaClient client = ServerConnection.connect(env);
        try {
            unload(client, model);
        } catch (ApiException e) {
            if (e.getMessage().contains("not found")) {
                throw new IOException("couldn't find model \"" + model + "\" to stop", e);
            }
            throw e;
        }
        return 0;
    }

    /** Ollama's loadOrUnloadModel with keep_alive 0: show (fails for an unknown model), then unload. */
    static void unload(OllamaClient client, String model) throws IOException {
        client.show(model, false);
        client.generate(GenerateRequest.load(model, "0s", null), chunk -> { }, new Cancellation());
    }
}
