package jollama.server.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where the store lives and whether it prunes, from {@code OLLAMA_MODELS} and {@code OLLAMA_NOPRUNE}.
 *
 * @param root    the models folder ({@code $OLLAMA_MODELS}, default {@code ~/.ollama/models})
 * @param noPrune {@code OLLAMA_NOPRUNE}: keep unused blobs after delete, pull and at startup
 */
public record StoreSettings(Path root, boolean noPrune) {

    public StoreSettings {
        Objects.requireNonNull(root, "root");
    }

    /** From the process environment. */
    public static StoreSettings fromEnvironment() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * From the given variables.
     *
     * @param home the user's home folder, for the default root
     */
    public static StoreSettings fromEnvironment(Map<String, String> env, Path home) {
        String models = envValue(env, "OLLAMA_MODELS");
        Path root = models.isEmpty() ? home.resolve(".ollama").resolve("models") : Path.of(models);
        return new StoreSettings(root, envBoolean(env, "OLLAMA_NOPRUNE"));
    }

    /**
     * A variable as Ollama reads it (envconfig {@code Var}): surrounding spaces removed, then
     * surrounding {@code "} and {@code '} characters; "" when unset.
     */
    public static String envValue(Map<String, String> env, String key) {
        String value = env.get(key);
        if (value == null) {
            return "";
        }
        value = value.strip();
        int start = 0;
        int end = value.length();
        while (start < end && isQuote(value.charAt(start))) {
            start++;
        }
        while (end > start && isQuote(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    /**
     * A boolean variable as Ollama reads it (envconfig {@code Bool}): unset or empty is false, Go's
     * boolean spellings count as written, and any other non-empty value is true.
     */
    public static boolean envBoolean(Map<String, String> env, String key) {
        String value = envValue(env, key);
        if (value.isEmpty()) {
            return false;
        }
        return switch (value) {
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> true;
        };
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "StoreSettings[root=%s, noPrune=%s]", root, noPrune);
    }
}
