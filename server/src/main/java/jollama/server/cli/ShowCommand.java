package jollama.server.cli;

import jollama.server.client.ModelInfo;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code jollama show MODEL}: the model's information sections, or with one of
 * {@code --license}, {@code --modelfile}, {@code --parameters}, {@code --system},
 * {@code --template} that text alone.
 */
final class ShowCommand implements Command {

    private static final List<String> ONLY = List.of("license", "modelfile", "parameters", "system", "template");

    private final Map<String, String> env;

    ShowCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "show";
    }

    @Override
    public String summary() {
        return "Show information for a model";
    }

    @Override
    public String usage() {
        return "MODEL [--license | --modelfile | --parameters | --system | --template] [-v | --verbose]";
    }

    @Override
    public Set<String> flags() {
        return Set.of("license", "modelfile", "parameters", "system", "template", "verbose", "v");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        if (args.positionals().size() != 1) {
            throw new UsageException("show takes one model");
        }
        List<String> only = ONLY.stream().filter(args::flag).toList();
        if (only.size() > 1) {
            throw new UsageException(
                    "only one of '--license', '--modelfile', '--parameters', '--system', or '--template' can be specified");
        }
        boolean verbose = args.flag("verbose") || args.flag("v");
        ModelInfo info = ServerConnection.connect(env).show(args.positionals().getFirst(), verbose);
        if (only.isEmpty()) {
            ShowInfoPrinter.print(info, verbose, out);
            return 0;
        }
        switch (only.getFirst()) {
            case "license" -> out.println(text(info.license()));
            case "modelfile" -> out.println(text(info.modelfile()));
            case "parameters" -> out.println(text(info.parameters()));
            case "system" -> out.print(text(info.system()));
            default -> out.print(text(info.template()));
        }
        out.flush();
        return 0;
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
