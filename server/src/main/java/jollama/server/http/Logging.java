package jollama.server.http;

/**
 * Keeps Jetty's and Javalin's slf4j output (slf4j-simple) down to warnings unless OLLAMA_DEBUG
 * asks for more, so {@code jollama serve} prints its own lines only. slf4j-simple reads its
 * settings from system properties once, when the first logger is made; a value the user set
 * with {@code -D} wins.
 */
final class Logging {

    private static final String LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private Logging() {
    }

    static void quietByDefault(int debug) {
        if (System.getProperty(LEVEL) == null) {
            System.setProperty(LEVEL, debug >= 2 ? "trace" : debug == 1 ? "debug" : "warn");
        }
        if (System.getProperty("org.slf4j.simpleLogger.logFile") == null) {
            System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        }
    }
}
