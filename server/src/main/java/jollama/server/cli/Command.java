package jollama.server.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** One CLI command: {@code jollama NAME ...}. */
interface Command {

    String name();

    /** One line for {@code jollama help}. */
    String summary();

    /** The usage line after {@code jollama NAME}. */
    String usage();

    /** Other names the command answers to ({@code ls} for {@code list}). */
    default List<String> aliases() {
        return List.of();
    }

    default Set<String> valueOptions() {
        return Set.of();
    }

    default Set<String> flags() {
        return Set.of();
    }

    /** Runs the command; returns the process exit code. */
    int run(Args args, PrintStream out, PrintStream err) throws Exception;
}
