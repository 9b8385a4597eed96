package jollama.server.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * DNS-rebinding protection (Ollama's allowedHostsMiddleware, ollama-api.md §0): while the server
 * listens on a loopback address, a request's Host must name this machine — empty,
 * {@code localhost}, the host name, a {@code .localhost}/{@code .local}/{@code .internal} name, or
 * a loopback, private, unspecified or local IP. Otherwise it gets a bare 403, so a web page whose
 * domain re-resolves to 127.0.0.1 cannot talk to the server. A server bound elsewhere accepts any Host.
 */
final class HostGuard {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private final boolean active;
    private final String hostname;

    HostGuard(String bindHost) {
        this.active = isLoopback(bindHost);
        this.hostname = machineHostname();
    }

    boolean active() {
        return active;
    }

    /** 0 to go on, 204 for an OPTIONS request to an allowed named host (as Ollama does), 403 to refuse. */
    int apply(String method, String hostHeader) {
        if (!active) {
            return 0;
        }
        String host = hostOnly(hostHeader == null ? "" : hostHeader);
        InetAddress ip = ipLiteral(host);
        if (ip != null && (ip.isLoopbackAddress() || isPrivate(ip) || ip.isAnyLocalAddress() || isLocal(ip))) {
            return 0;
        }
        if (allowedName(host.toLowerCase(Locale.ROOT))) {
            return method.equals("OPTIONS") ? 204 : 0;
        }
        return 403;
    }

    private boolean allowedName(String host) {
        if (host.isEmpty() || host.equals("localhost") || host.equals(hostname)) {
            return true;
        }
        return host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal");
    }

    /** Go's net.SplitHostPort, falling back to the whole value. */
    static String hostOnly(String hostHeader) {
        int colon = hostHeader.lastIndexOf(':');
        if (colon < 0) {
            return hostHeader;
        }
        String host = hostHeader.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            return host.substring(1, host.length() - 1);
        }
        return host.contains(":") || host.contains("[") ? hostHeader : host;
    }

    /** The address when {@code host} is an IP literal; never a DNS lookup. */
    static InetAddress ipLiteral(String host) {
        if (!IPV4.matcher(host).matches() && !host.contains(":")) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    /** Go's netip.Addr.IsPrivate: 10/8, 172.16/12, 192.168/16, fc00::/7. */
    static boolean isPrivate(InetAddress ip) {
        byte[] b = ip.getAddress();
        if (ip instanceof Inet4Address) {
            int b0 = b[0] & 0xff;
            int b1 = b[1] & 0xff;
            return b0 == 10 || (b0 == 172 && (b1 & 0xf0) == 16) || (b0 == 192 && b1 == 168);
        }
        return ip instanceof Inet6Address && (b[0] & 0xfe) == 0xfc;
    }

    private static boolean isLocal(InetAddress ip) {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (java.util.Arrays.equals(a.getAddress(), ip.getAddress())) {
                        return true;
                    }
                }
            }
        } catch (SocketException | NullPointerException e) {
            return false;
        }
        return false;
    }

    private static boolean isLoopback(String bindHost) {
        if (bindHost == null || bindHost.isEmpty()) {
            return false; // every interface
        }
        try {
            return InetAddress.getByName(bindHost).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String machineHostname() {
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            return "";
        }
    }
}
