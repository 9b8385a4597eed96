package jollama.server.registry;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The token side of {@link FakeRegistry}, as registry.ollama.ai behaves: registry requests
 * without the bearer token get a 401 with a {@code WWW-Authenticate: Bearer} challenge, and the
 * realm issues the token only to a GET whose Authorization header carries an Ed25519 signature of
 * exactly {@code GET,<full url as received>,<base64(hex(sha256("")))>}.
 */
final class TokenAuthority {

    /** What the realm saw of one token request. */
    record Call(String url, String authorization, Map<String, String> query, String outcome) {
    }

    /** Base64 of the hex SHA-256 of nothing, spelled out rather than computed like the client does. */
    static final String EMPTY_BODY = "ZTNiMGM0NDI5OGZjMWMxNDlhZmJmNGM4OTk2ZmI5MjQyN2FlNDFlNDY0OWI5MzRjYTQ5NTk5MWI3ODUyYjg1NQ==";

    final String token = "tok-" + UUID.randomUUID();
    final List<Call> calls = new CopyOnWriteArrayList<>();
    /** Requests to the registry proper, with what they carried: {@code <path> auth=<header>}. */
    final List<String> registryRequests = new CopyOnWriteArrayList<>();
    /** When set, only this raw public key is trusted (a registered account key); else any key whose signature holds. */
    volatile byte[] trustedKey;
    /** Whether an unsigned token request is refused (an account's model) or served (a public one). */
    volatile boolean signatureRequired = true;

    private final String realm;

    TokenAuthority(String realm) {
        this.realm = realm;
    }

    String challenge() {
        return "Bearer realm=\"" + realm + "\",service=\"registry.test\",scope=\"repository:library/tiny:pull\"";
    }

    /** Whether a registry request may pass; answers the 401 itself when not. */
    boolean admit(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        registryRequests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " auth=" + auth);
        if (("Bearer " + token).equals(auth)) {
            return true;
        }
        exchange.getResponseHeaders().set("WWW-Authenticate", challenge());
        reply(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
        return false;
    }

    void handleToken(HttpExchange exchange) throws IOException {
        try (exchange) {
            String url = "http://" + exchange.getRequestHeaders().getFirst("Host") + exchange.getRequestURI().getRawPath()
                    + "?" + exchange.getRequestURI().getRawQuery();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
            String outcome = judge(url, auth, query);
            calls.add(new Call(url, auth, query, outcome));
            if (outcome.equals("ok")) {
                reply(exchange, 200, "{\"token\":\"" + token + "\"}");
            } else {
                reply(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"" + outcome + "\"}]}");
            }
        }
    }

    private String judge(String url, String auth, Map<String, String> query) {
        long ts = Long.parseLong(query.getOrDefault("ts", "0"));
        if (Math.abs(System.currentTimeMillis() / 1000 - ts) > 300) {
            return "stale or missing timestamp";
        }
        if (auth == null) {
            return signatureRequired ? "missing signature" : "ok";
        }
        int colon = auth.indexOf(':');
        if (colon < 0) {
            return "malformed signature";
        }
        byte[] presented;
        byte[] signature;
        try {
            presented = JdkEd25519.keyOfBlob(auth.substring(0, colon));
            signature = Base64.getDecoder().decode(auth.substring(colon + 1));
        } catch (RuntimeException e) {
            return "malformed signature";
        }
        byte[] key = trustedKey != null ? trustedKey : presented;
        byte[] signed = ("GET," + url + "," + EMPTY_BODY).getBytes(StandardCharsets.UTF_8);
        return JdkEd25519.verify(key, signed, signature) ? "ok" : "invalid signature";
    }

    private static Map<String, String> parse(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
