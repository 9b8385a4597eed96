package jollama.server.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiFunction;

/** Runs {@code jollama ...} in-process with a given stdin and captures what it prints. */
final class CliHarness {

    private CliHarness() {
    }

    /** A run's exit code and what it printed. */
    record Run(int exit, String out, String err) {

        /** The lines of stderr that carry an error message. */
        List<String> errorLines() {
            return err.lines().filter(l -> l.startsWith("Error:")).toList();
        }
    }

    /** {@code new Cli(out, err)}, as Main runs it: for commands that do not read stdin. */
    static Run run(String... argv) {
        return capture(argv, (out, err) -> new Cli(out, err));
    }

    /** With {@code stdin} piped in (not a terminal), as {@code echo text | jollama ...}. */
    static Run withStdin(String stdin, String... argv) {
        return capture(argv, (out, err) -> new Cli(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                out, err));
    }

    private static Run capture(String[] argv, BiFunction<PrintStream, PrintStream, Cli> cli) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = cli.apply(o, e).run(argv);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
