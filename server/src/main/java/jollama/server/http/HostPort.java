package jollama.server.http;

import java.util.Locale;

/**
 * Where the server listens, parsed from {@code OLLAMA_HOST} as Ollama's {@code envconfig.Host}
 * does (ollama-api.md §4.4): no scheme means http and port 11434, {@code http://x} without a port
 * means 80, {@code https://x} 443; a bare address keeps the default port; {@code :8080} listens on
 * every interface; an invalid port falls back to the default one; a path is ignored (clients use it).
 *
 * @param host the address to bind, "" for every interface
 * @param port the TCP port, 0 for any free one (tests)
 */
public record HostPort(String host, int port) {

    public static final int DEFAULT_PORT = 11434;
    public static final HostPort DEFAULT = new HostPort("127.0.0.1", DEFAULT_PORT);

    public HostPort {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        host = host == null ? "" : host;
    }

    /** Parses an {@code OLLAMA_HOST} value (already trimmed of spaces and quotes); "" gives the default. */
    public static HostPort parse(String value) {
        String s = value == null ? "" : value.strip();
        int defaultPort = DEFAULT_PORT;
        String hostPort = s;
        int schemeEnd = s.indexOf("://");
        if (schemeEnd >= 0) {
            String scheme = s.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            hostPort = s.substring(schemeEnd + 3);
            if (scheme.equals("http")) {
                defaultPort = 80;
            } else if (scheme.equals("https")) {
                defaultPort = 443;
            }
        }
        int slash = hostPort.indexOf('/');
        if (slash >= 0) {
            hostPort = hostPort.substring(0, slash);
        }
        String host;
        String port;
        String[] split = splitHostPort(hostPort);
        if (split != null) {
            host = split[0];
            port = split[1];
        } else {
            // Not host:port: the whole text is the host (an IP literal may be bracketed).
            String bare = hostPort.startsWith("[") && hostPort.endsWith("]")
                    ? hostPort.substring(1, hostPort.length() - 1) : hostPort;
            host = bare.isEmpty() ? "127.0.0.1" : bare;
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
        return new HostPort(host, p);
    }

    /** Go's net.SplitHostPort: {@code host:port} or {@code [v6]:port}; null when the text is not of that form. */
    private static String[] splitHostPort(String s) {
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            return null;
        }
        String host = s.substring(0, colon);
        String port = s.substring(colon + 1);
        if (host.startsWith("[")) {
            if (!host.endsWith("]")) {
                return null;
            }
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            return null; // an unbracketed IPv6 address has too many colons
        }
        return new String[] {host, port};
    }

    /** For log lines: {@code 127.0.0.1:11434}, {@code [::1]:11434}, {@code :11434} for every interface. */
    public String display(int actualPort) {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return h + ":" + actualPort;
    }
}
