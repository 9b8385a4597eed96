package jollama.server.compat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a real program (curl, python3) and captures what it printed; for the guides' calls verbatim. */
record ExternalProcess(int exit, String out, String err) {

    static ExternalProcess run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close(); // no input: the programs must not wait for any
        // read both pipes before waiting, so a talkative program never blocks on a full pipe
        CompletableFuture<String> err = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                err.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.complete("");
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new ExternalProcess(p.exitValue(), out, err.join());
    }

    /** Whether {@code command} runs and exits 0 (the tool is installed). */
    static boolean works(List<String> command) {
        try {
            return run(command).exit() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
