package jollama.server.cli;

/**
 * Entry point of {@code jollama.jar}. Users never type JVM flags: when the Vector API module is
 * missing (a plain {@code java -jar jollama.jar}), the process starts itself again with the
 * flags; {@code -Djollama.relaunch=false} turns that off and the kernels run scalar instead.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (Relauncher.needed()) {
            System.exit(Relauncher.relaunch(args));
        }
        System.exit(new Cli(System.out, System.err).run(args));
    }
}
