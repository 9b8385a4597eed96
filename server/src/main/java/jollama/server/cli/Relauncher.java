package jollama.server.cli;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/** Starts this program again in a JVM that has the Vector API module and native access. */
final class Relauncher {

    static final String VECTOR_MODULE = "jdk.incubator.vector";

    private Relauncher() {
    }

    /** As the jollama script: a small young generation, no concurrent GC threads beside the kernels. */
    static final List<String> DEFAULT_GC = List.of("-XX:+UseParallelGC", "-Xmn64m");

    /**
     * As the jollama script: no Vector API bounds check on every vector load; the kernels check
     * their ranges once per call instead.
     */
    static final String UNCHECKED_VECTOR_ACCESS = "-Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0";

    static boolean needed() {
        return !ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()
                && !"false".equalsIgnoreCase(System.getProperty("jollama.relaunch"));
    }

    /** Runs the child JVM with this process's terminal and returns its exit code. */
    static int relaunch(String[] args) {
        String java = ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        List<String> command = new ArrayList<>();
        command.add(java);
        List<String> given = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (given.stream().noneMatch(a -> a.contains("GC") || a.startsWith("-Xmn"))) {
            command.addAll(DEFAULT_GC); // the launcher script's choice, unless the user made one
        }
        if (given.stream().noneMatch(a -> a.contains("VECTOR_ACCESS_OOB_CHECK"))) {
            command.add(UNCHECKED_VECTOR_ACCESS);
        }
        command.addAll(given);
        command.addAll(List.of("--add-modules", VECTOR_MODULE, "--enable-native-access=ALL-UNNAMED",
                "-Djollama.relaunch=false", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        try {
            Process child = new ProcessBuilder(command).inheritIO().start();
            // Ctrl-C reaches both processes: the child decides what it means (stop an answer or
            // exit), so the parent ignores it and exits with the child's code.
            try (Interrupts ignored = Interrupts.install(() -> true)) {
                // A SIGTERM to the parent (a service manager stopping `serve`) must reach the child.
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    child.destroy();
                    waitQuietly(child);
                }));
                return child.waitFor();
            }
        } catch (IOException e) {
            System.err.println("jollama: cannot start " + java + " with the Vector API (" + e.getMessage()
                    + "); running without it");
            return new Cli(System.out, System.err).run(args);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static void waitQuietly(Process child) {
        try {
            child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
