package jollama.server.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a command reads its input and whether a person sits at either end, which decides
 * between a one-shot answer and an interactive chat, and whether to draw spinners and colours.
 *
 * @param in             standard input
 * @param inIsTerminal   stdin is a terminal (else it is piped: its text is part of the prompt)
 * @param outIsTerminal  stdout is a terminal (else plain text only)
 */
record Terminal(InputStream in, boolean inIsTerminal, boolean outIsTerminal) {

    /** This process's standard streams. */
    static Terminal system() {
        Console console = System.console();
        boolean both = console != null && console.isTerminal();
        return new Terminal(System.in, isTerminal(0, both), isTerminal(1, both));
    }

    /** Input that is not a terminal and output that is not one either, as in a script or a test. */
    static Terminal piped(InputStream in) {
        return new Terminal(in, false, false);
    }

    /**
     * The JDK only tells whether stdin and stdout are both terminals; Linux names each file
     * descriptor under /proc, which tells {@code echo hi | jollama run m} (stdin piped, stdout a
     * terminal) apart. Elsewhere the JDK's answer stands for both.
     */
    private static boolean isTerminal(int fd, boolean fallback) {
        Path link = Path.of("/proc/self/fd/" + fd);
        try {
            String target = Files.readSymbolicLink(link).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return fallback;
        }
    }
}
