package jollama.server.cli;

/** The version written into the jar's manifest by the build. */
final class Version {

    private Version() {
    }

    static String get() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.0.0-dev";
    }
}
