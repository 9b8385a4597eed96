package jollama.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Dispatches {@code jollama COMMAND ...} to its command and turns failures into clear messages. */
public final class Cli {

    private final PrintStream out;
    private final PrintStream err;
    private final List<Command> commands;

    public Cli(PrintStream out, PrintStream err) {
        this(Terminal.system(), out, err, System.getenv());
    }

    /** With another stdin than this process's, e.g. a test's: it is piped, not a terminal. */
    public Cli(InputStream in, PrintStream out, PrintStream err) {
        this(Terminal.piped(in), out, err, System.getenv());
    }

    /**
     * With piped stdin and another environment than this process's: the commands that talk to a
     * server find it through {@code OLLAMA_HOST} in {@code env} (tests point it at their server).
     */
    public Cli(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        this(Terminal.piped(in), out, err, env);
    }

    private Cli(Terminal terminal, PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        Path workingDir = Path.of("").toAbsolutePath();
        this.commands = List.of(new QuantizeCommand(), new TestModelCommand(), new BenchCommand(),
                new RunCommand(terminal, env), new TokenizeCommand(), new LogitsCommand(), new ServeCommand(),
                new PullCommand(env), new ListCommand(env), new ShowCommand(env), new PsCommand(env),
                new StopCommand(env), new RmCommand(env), new CpCommand(env), new CreateCommand(env, workingDir));
    }

    public int run(String[] argv) {
        if (argv.length == 0 || argv[0].equals("help") || argv[0].equals("--help") || argv[0].equals("-h")) {
            printHelp(argv.length > 1 ? argv[1] : null);
            return argv.length == 0 ? 1 : 0;
        }
        if (argv[0].equals("--version") || argv[0].equals("-v") || argv[0].equals("version")) {
            out.println("jollama version " + Version.get());
            return 0;
        }
        Command command = find(argv[0]);
        if (command == null) {
            err.println("Error: unknown command \"" + argv[0] + "\" for \"jollama\"");
            err.println("Run 'jollama help' for usage.");
            return 1;
        }
        List<String> rest = Arrays.asList(argv).subList(1, argv.length);
        try {
            if (rest.contains("--help") || rest.contains("-h")) {
                printUsage(command, out);
                return 0;
            }
            return command.run(Args.parse(rest, command.valueOptions(), command.flags()), out, err);
        } catch (UsageException e) {
            err.println("Error: " + e.getMessage());
            printUsage(command, err);
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("Error: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            if (Boolean.getBoolean("jollama.debug")) {
                e.printStackTrace(err);
            }
            return 1;
        } catch (Exception e) {
            err.println("Error: " + e);
            return 1;
        }
    }

    private Command find(String name) {
        for (Command c : commands) {
            if (c.name().equals(name) || c.aliases().contains(name)) {
                return c;
            }
        }
        return null;
    }

    private void printUsage(Command command, PrintStream to) {
        to.println("Usage: jollama " + command.name() + " " + command.usage());
    }

    private void printHelp(String topic) {
        Command command = topic == null ? null : find(topic);
        if (command != null) {
            out.println(command.summary());
            printUsage(command, out);
            return;
        }
        out.println("jollama: large language models on the JVM, compatible with Ollama");
        out.println();
        out.println("Usage: jollama COMMAND [ARGS]");
        out.println();
        out.println("Commands:");
        for (Command c : commands) {
            out.printf("  %-10s %s%n", c.name(), c.summary());
        }
        out.printf("  %-10s %s%n", "help", "Help about any command");
        out.println();
        out.println("Use \"jollama help COMMAND\" for more about a command.");
    }
}
