package jollama.server.cli;

import jollama.server.client.OllamaClient;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** {@code jollama rm MODEL...}: unloads each model if it is loaded, then deletes it. */
final class RmCommand implements Command {

    private final Map<String, String> env;

    RmCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "rm";
    }

    @Override
    public String summary() {
        return "Remove a model";
    }

    @Override
    public String usage() {
        return "MODEL [MODEL...]";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        if (args.positionals().isEmpty()) {
            throw new UsageException("rm takes at least one model");
        }
        OllamaClient client = ServerConnection.connect(env);
        for (String model : args.positionals()) {
            try {
                StopCommand.unload(client, model); // deleting does not unload (§1.14)
            } catch (IOException e) {
                if (!String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("not found")) {
                    err.println("Warning: unable to stop model '" + model + "'");
                }
            }
            client.delete(model);
            out.println("deleted '" + model + "'");
        }
        return 0;
    }
}
