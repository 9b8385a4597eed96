package jollama.server.client;

import jollama.server.store.StoreSettings;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * The server a client talks to, from {@code OLLAMA_HOST} as Ollama's client reads it
 * (ollama-api.md §4.4): no scheme means http and port 11434; {@code http://x} without a port
 * means 80, {@code https://x} 443; a bare address keeps 11434; {@code :8080} is this machine; an
 * invalid port falls back to the default; a path after the address prefixes every API path.
 *
 * @param scheme {@code http} or {@code https} (another scheme is kept, and fails on use)
 * @param host   the host name or address, never empty
 * @param port   the TCP port
 * @param path   the path prefix without a trailing slash, "" for none
 */
public record OllamaHost(String scheme, String host, int port, String path) {

    public static final int DEFAULT_PORT = 11434;
    public static final OllamaHost DEFAULT = new OllamaHost("http", "127.0.0.1", DEFAULT_PORT, "");

    public OllamaHost {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("host is empty");
        }
    }

    /** {@code OLLAMA_HOST} from {@code env}, trimmed of spaces and quotes as Ollama's envconfig does. */
    public static OllamaHost fromEnvironment(Map<String, String> env) {
        return parse(StoreSettings.envValue(env, "OLLAMA_HOST"));
    }

    /** Parses an {@code OLLAMA_HOST} value; "" gives {@link #DEFAULT}. */
    public static OllamaHost parse(String value) {
        String s = value == null ? "" : value.strip();
        String scheme = "http";
        int defaultPort = DEFAULT_PORT;
        String rest = s;
        int schemeEnd = s.indexOf("://");
        if (schemeEnd >= 0) {
            scheme = s.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            rest = s.substring(schemeEnd + 3);
            if (scheme.equals("http")) {
                defaultPort = 80;
            } else if (scheme.equals("https")) {
                defaultPort = 443;
            }
        }
        String path = "";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            path = trimSlashes(rest.substring(slash + 1));
            rest = rest.substring(0, slash);
        }
        String host;
        String port;
        int colon = rest.lastIndexOf(':');
        boolean hostPort = colon >= 0 && (rest.startsWith("[") ? rest.lastIndexOf(']') == colon - 1
                : rest.indexOf(':') == colon);
        if (hostPort) {
            host = unbracket(rest.substring(0, colon));
            port = rest.substring(colon + 1);
        } else {
            host = unbracket(rest);
            port = Integer.toString(defaultPort);
        }
        int p;
        try {
            p = Integer.parseInt(port);
            if (p < 0 || p > 65535) {
                p = defaultPort;
            }
        } catch (NumberFormatException e) {
            p = defaultPort;
        }
        return new OllamaHost(scheme, connectable(host), p, path.isEmpty() ? "" : "/" + path);
    }

    /** The URI of an API path such as {@code /api/tags}, under the path prefix. */
    public URI uri(String apiPath) {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create(scheme + "://" + h + ":" + port + path + apiPath);
    }

    /** {@code http://127.0.0.1:11434}, for messages. */
    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return scheme + "://" + h + ":" + port + path;
    }

    /**
     * An empty host ({@code :8080}) or an unspecified address ({@code 0.0.0.0}, {@code ::}) names
     * the listening side; Go's dialer takes them as this machine, and so does the client here.
     */
    private static String connectable(String host) {
        return switch (host) {
            case "", "0.0.0.0" -> "127.0.0.1";
            case "::", "0:0:0:0:0:0:0:0" -> "::1";
            default -> host;
        };
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String trimSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }
}
