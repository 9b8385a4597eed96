package jollama.server.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs {@code jollama ...} in-process with a given environment (OLLAMA_HOST) and piped stdin. */
final class ServerCli {

    private final Map<String, String> env;

    ServerCli(Map<String, String> env) {
        this.env = env;
    }

    CliHarness.Run run(String... argv) {
        return withStdin("", argv);
    }

    CliHarness.Run withStdin(String stdin, String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = new Cli(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, e, env).run(argv);
        }
        return new CliHarness.Run(exit, out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"),
                err.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }
}
