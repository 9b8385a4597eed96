package jollama.server.registry;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The GET that trades a {@code WWW-Authenticate: Bearer} challenge for a token (§5, Ollama's
 * {@code registryChallenge.URL} and {@code getAuthorizationToken}). The registry checks the
 * signature over the URL exactly as sent, so the URL is built as Go builds it: the realm's own
 * query plus service, scope, ts and nonce, keys sorted, values escaped like Go's
 * {@code url.QueryEscape}.
 *
 * @param url the token URL
 */
record TokenRequest(URI url) {

    /** Base64 of the hex SHA-256 of the empty body: the third field of every signed GET. */
    private static final String EMPTY_BODY_HASH = emptyBodyHash();

    /**
     * @param unixSeconds the {@code ts} parameter
     * @param nonce       the {@code nonce} parameter (base64url of 16 random bytes, unpadded)
     */
    static TokenRequest of(AuthChallenge challenge, long unixSeconds, String nonce) {
        String realm = challenge.realm();
        int fragment = realm.indexOf('#');
        if (fragment >= 0) {
            realm = realm.substring(0, fragment);
        }
        int question = realm.indexOf('?');
        Map<String, List<String>> values = new TreeMap<>(); // Go's Values.Encode sorts by key
        if (question >= 0) {
            parseQuery(realm.substring(question + 1), values);
            realm = realm.substring(0, question);
        }
        add(values, "service", challenge.service());
        for (String scope : challenge.scope().split(" ", -1)) {
            add(values, "scope", scope);
        }
        add(values, "ts", Long.toString(unixSeconds));
        add(values, "nonce", nonce);
        return new TokenRequest(URI.create(realm + "?" + encode(values)));
    }

    /** What the Authorization header signs: {@code GET,<url>,<base64(hex(sha256("")))>}. */
    String signedText() {
        return "GET," + url + "," + EMPTY_BODY_HASH;
    }

    byte[] signedBytes() {
        return signedText().getBytes(StandardCharsets.UTF_8);
    }

    private static void add(Map<String, List<String>> values, String key, String value) {
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    private static void parseQuery(String query, Map<String, List<String>> values) {
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                add(values, URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // Go's ParseQuery drops a pair it cannot unescape; so does this
            }
        }
    }

    private static String encode(Map<String, List<String>> values) {
        StringBuilder query = new StringBuilder();
        values.forEach((key, list) -> {
            for (String value : list) {
                if (!query.isEmpty()) {
                    query.append('&');
                }
                query.append(queryEscape(key)).append('=').append(queryEscape(value));
            }
        });
        return query.toString();
    }

    /**
     * Go's {@code url.QueryEscape}: letters, digits and {@code -_.~} stay, a space becomes
     * {@code +}, every other byte of the UTF-8 is {@code %XX}. (Java's URLEncoder differs on
     * {@code ~} and {@code *}, which would change the signed URL.)
     */
    static String queryEscape(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.write(c);
            } else if (c == ' ') {
                out.write('+');
            } else {
                out.write('%');
                out.write(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                out.write(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static String emptyBodyHash() {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(new byte[0]);
            return Base64.getEncoder().encodeToString(HexFormat.of().formatHex(sha).getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
