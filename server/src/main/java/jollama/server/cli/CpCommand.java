package jollama.server.cli;

import java.io.PrintStream;

import java.util.Map;

/** {@code jollama cp SOURCE DESTINATION}: another name for the same model (the manifest is copied, the blobs shared). */
final class CpCommand implements Command {

    private final Map<String, String> env;

    CpCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "cp";
    }

    @Override
    public String summary() {
        return "Copy a model";
    }

    @Override
    public String usage() {
        return "SOURCE DESTINATION";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        if (args.positionals().size() != 2) {
            throw new UsageException("cp takes a source and a destination");
        }
        String source = args.positionals().get(0);
        String destination = args.positionals().get(1);
        ServerConnection.connect(env).copy(source, destination);
        out.println("copied '" + source + "' to '" + destination + "'");
        return 0;
    }
}
