package jollama.server.store;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A fully qualified model name, {@code host/namespace/model:tag}, as Ollama parses it
 * (types/model/name.go).
 *
 * <p>Every instance is valid: the canonical constructor checks each part, so a part can never
 * hold {@code /}, {@code \}, NUL or start with {@code .}, and a name can never lead a store path
 * outside its folder. Parts keep the case they were given; {@link #equalsIgnoreCase} compares
 * names the way Ollama matches them against the store.
 *
 * <p>{@code scheme} is not part of the name's identity on disk; it only records an explicit
 * {@code http://} or {@code https://} prefix for the registry client ({@code https} otherwise).
 *
 * @param scheme    {@code https} (default) or {@code http}
 * @param host      registry host, optionally with {@code :port}, 1-350 characters
 * @param namespace 1-80 characters, no {@code .}
 * @param model     1-80 characters
 * @param tag       1-80 characters
 */
public record ModelName(String scheme, String host, String namespace, String model, String tag) {

    public static final String DEFAULT_HOST = "registry.ollama.ai";
    public static final String DEFAULT_NAMESPACE = "library";
    public static final String DEFAULT_TAG = "latest";
    public static final String DEFAULT_SCHEME = "https";

    private static final int MAX_HOST = 350;
    private static final int MAX_PART = 80;

    /** The kinds of part, for the rules and the error messages. */
    private enum Part {
        HOST, NAMESPACE, MODEL, TAG;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ModelName {
        Objects.requireNonNull(scheme, "scheme");
        String display = host + "/" + namespace + "/" + model + ":" + tag;
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidModelNameException(display, "scheme must be http or https, not \"" + scheme + "\"");
        }
        check(display, Part.HOST, host);
        check(display, Part.NAMESPACE, namespace);
        check(display, Part.MODEL, model);
        check(display, Part.TAG, tag);
    }

    /** A name with the default scheme. */
    public static ModelName of(String host, String namespace, String model, String tag) {
        return new ModelName(DEFAULT_SCHEME, host, namespace, model, tag);
    }

    /**
     * Parses the full or a short form and fills in the defaults: {@code qwen3} is
     * {@code registry.ollama.ai/library/qwen3:latest}, {@code user/m} is
     * {@code registry.ollama.ai/user/m:latest}, {@code hf.co/ns/m:Q4_K_M} keeps its host.
     * The host may carry a port and an {@code http://} or {@code https://} prefix.
     *
     * @throws InvalidModelNameException with the reason when any part is empty or invalid
     */
    public static ModelName parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidModelNameException(text == null ? "" : text, "the name is empty");
        }
        String rest = text;
        String scheme = null;
        int schemeEnd = rest.indexOf("://");
        if (schemeEnd >= 0) {
            scheme = rest.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new InvalidModelNameException(text, "only http:// and https:// may prefix the host");
            }
            rest = rest.substring(schemeEnd + 3);
        }

        // "/" cannot appear in a tag, so a ':' after the last '/' starts the tag; one before it is a port
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (tag.isEmpty()) {
                throw new InvalidModelNameException(text, "the tag after ':' is empty");
            }
        }

        String[] parts = rest.split("/", -1);
        if (parts.length > 3) {
            throw new InvalidModelNameException(text, "more than three '/'-separated parts (host/namespace/model)");
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                throw new InvalidModelNameException(text, "a part between separators is empty");
            }
        }
        if (scheme != null && parts.length < 3) {
            throw new InvalidModelNameException(text, "a scheme needs a host: scheme://host/namespace/model");
        }
        String model = parts[parts.length - 1];
        String namespace = parts.length >= 2 ? parts[parts.length - 2] : DEFAULT_NAMESPACE;
        String host = parts.length == 3 ? parts[0] : DEFAULT_HOST;
        check(text, Part.HOST, host);
        check(text, Part.NAMESPACE, namespace);
        check(text, Part.MODEL, model);
        check(text, Part.TAG, tag == null ? DEFAULT_TAG : tag);
        return new ModelName(scheme == null ? DEFAULT_SCHEME : scheme, host, namespace, model,
                tag == null ? DEFAULT_TAG : tag);
    }

    /** {@link #parse} without the exception. */
    public static Optional<ModelName> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (InvalidModelNameException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code text} is a valid namespace (user names on a registry follow the same rule). */
    public static boolean isValidNamespace(String text) {
        return problem(Part.NAMESPACE, text) == null;
    }

    /**
     * The short display form used by {@code /api/tags}, {@code /api/ps} and the CLI: the host is
     * left out when it is the default one (ignoring case), then the namespace when it is
     * {@code library}; the tag is always there. {@code llama3.2:latest}, {@code user/m:latest},
     * {@code hf.co/ns/m:Q4_K_M}.
     */
    public String displayShortest() {
        StringBuilder sb = new StringBuilder();
        if (!host.equalsIgnoreCase(DEFAULT_HOST)) {
            sb.append(host).append('/').append(namespace).append('/');
        } else if (!namespace.equalsIgnoreCase(DEFAULT_NAMESPACE)) {
            sb.append(namespace).append('/');
        }
        return sb.append(model).append(':').append(tag).toString();
    }

    /** {@code host/namespace/model:tag}, without the scheme. */
    public String fullName() {
        return host + "/" + namespace + "/" + model + ":" + tag;
    }

    /** {@code namespace/model}: the repository path on a registry. */
    public String repository() {
        return namespace + "/" + model;
    }

    /** host, namespace, model, tag: the folders and file name of the manifest under {@code manifests/}. */
    public List<String> pathSegments() {
        return List.of(host, namespace, model, tag);
    }

    /** Whether both names denote the same model, ignoring case (and the scheme). */
    public boolean equalsIgnoreCase(ModelName other) {
        return other != null
                && host.equalsIgnoreCase(other.host)
                && namespace.equalsIgnoreCase(other.namespace)
                && model.equalsIgnoreCase(other.model)
                && tag.equalsIgnoreCase(other.tag);
    }

    /** This name with other parts (for example the case stored on disk), same scheme. */
    public ModelName withParts(String host, String namespace, String model, String tag) {
        return new ModelName(scheme, host, namespace, model, tag);
    }

    @Override
    public String toString() {
        return fullName();
    }

    private static void check(String display, Part kind, String value) {
        String problem = problem(kind, value);
        if (problem != null) {
            throw new InvalidModelNameException(display, problem);
        }
    }

    /** Why {@code value} is not a valid part of the given kind, or null when it is. */
    private static String problem(Part kind, String value) {
        if (value == null || value.isEmpty()) {
            return "the " + kind.label() + " is empty";
        }
        int max = kind == Part.HOST ? MAX_HOST : MAX_PART;
        if (value.length() > max) {
            return "the " + kind.label() + " is longer than " + max + " characters";
        }
        if (!isWordChar(value.charAt(0))) {
            return "the " + kind.label() + " \"" + value + "\" must start with a letter, a digit or '_'";
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isWordChar(c) || c == '-') {
                continue;
            }
            if (c == '.' && kind != Part.NAMESPACE) {
                continue;
            }
            if (c == ':' && kind == Part.HOST) {
                continue;
            }
            return "the " + kind.label() + " \"" + value + "\" may not contain '" + printable(c) + "'";
        }
        return null;
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c);
    }
}
