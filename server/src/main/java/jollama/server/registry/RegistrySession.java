package jollama.server.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jollama.server.store.Digest;
import jollama.server.store.ModelName;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP side of one pull against one registry: URLs, the User-Agent, redirects (followed by
 * hand, because the blob protocol needs to stop at the first redirect to another host), and the
 * bearer token obtained after a 401 (with a request signed by the Ollama key, {@link RegistryKeyFiles}).
 */
final class RegistrySession {

    /** Called while a request is in flight; throws to abandon it (cancellation, stall). */
    @FunctionalInterface
    interface Watch {
        void check() throws IOException;
    }

    /** How far redirects are followed. */
    enum Redirects {
        /** Any host (Go's default client). */
        ALL,
        /** Same host only; the first redirect elsewhere is returned as the response (§5.3). */
        SAME_HOST
    }

    private static final int MAX_REDIRECTS = 10;
    private static final int MAX_MANIFEST_BYTES = 4 << 20;
    private static final int MAX_ERROR_BODY = 4096;
    private static final long POLL_MILLIS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final System.Logger LOG = System.getLogger("jollama.server.registry");

    private final HttpClient http;
    private final RegistryOptions options;
    private final URI base;
    private final RegistryKeyFiles keys;
    private volatile String token;

    RegistrySession(HttpClient http, RegistryOptions options, URI base, RegistryKeyFiles keys) {
        this.http = http;
        this.options = options;
        this.keys = keys;
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    RegistryOptions options() {
        return options;
    }

    /** {@code {base}/v2/{namespace}/{model}/manifests/{tag}}; name parts need no escaping. */
    URI manifestUrl(ModelName name) {
        return URI.create(base + "/v2/" + name.repository() + "/manifests/" + name.tag());
    }

    /** {@code {base}/v2/{namespace}/{model}/blobs/sha256:<hex>}. */
    URI blobUrl(ModelName name, Digest digest) {
        return URI.create(base + "/v2/" + name.repository() + "/blobs/" + digest);
    }

    /**
     * GETs the manifest bytes exactly as sent.
     *
     * @throws HttpStatusException for 400 and above ({@code file does not exist} for 404)
     */
    byte[] fetchManifest(ModelName name, Watch watch) throws IOException {
        URI url = manifestUrl(name);
        HttpResponse<InputStream> response = send("GET", url,
                Map.of("Accept", "application/vnd.docker.distribution.manifest.v2+json"),
                BodyHandlers.ofInputStream(), Redirects.ALL, true, watch);
        try (InputStream body = response.body()) {
            failOnError(response.statusCode(), body);
            byte[] bytes = body.readNBytes(MAX_MANIFEST_BYTES + 1);
            if (bytes.length > MAX_MANIFEST_BYTES) {
                throw new IOException("manifest is larger than " + MAX_MANIFEST_BYTES + " bytes");
            }
            return bytes;
        }
    }

    /** HEAD on the blob, redirects followed: the Content-Length, or -1 when the registry sends none. */
    long blobSize(URI blobUrl, Watch watch) throws IOException {
        HttpResponse<Void> response = send("HEAD", blobUrl, Map.of(), BodyHandlers.discarding(), Redirects.ALL,
                true, watch);
        if (response.statusCode() >= 400) {
            throw new HttpStatusException(response.statusCode(), "");
        }
        return response.headers().firstValueAsLong("content-length").orElse(-1);
    }

    /**
     * The URL the parts are fetched from: the first redirect to another host (a CDN), or the
     * blob URL itself when the registry serves it. Only one byte is asked for, so a registry
     * that answers directly does not start sending the whole blob.
     */
    URI directUrl(URI blobUrl, Watch watch) throws IOException {
        HttpResponse<InputStream> response = send("GET", blobUrl, Map.of("Range", "bytes=0-0"),
                BodyHandlers.ofInputStream(), Redirects.SAME_HOST, true, watch);
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (isRedirect(status)) {
                String location = response.headers().firstValue("location")
                        .orElseThrow(() -> new IOException("redirect without a Location from " + response.uri()));
                return response.uri().resolve(location);
            }
            failOnError(status, body);
            if (status == 200 || status == 206) {
                return response.uri();
            }
            throw new IOException("unexpected status code " + status + " from " + response.uri());
        }
    }

    /**
     * Sends a request, following redirects by hand and answering one 401 with the token flow.
     * Redirect responses come back with a null body.
     *
     * @param registryAuth send the bearer token (only ever to the registry's own host)
     */
    <T> HttpResponse<T> send(String method, URI url, Map<String, String> headers, BodyHandler<T> handler,
                             Redirects redirects, boolean registryAuth, Watch watch) throws IOException {
        URI current = url;
        boolean authTried = false;
        for (int hop = 0; hop <= MAX_REDIRECTS; ) {
            HttpResponse<T> response = once(method, current, headers, handler, registryAuth, watch);
            int status = response.statusCode();
            if (status == 401 && registryAuth && !authTried && sameAuthority(current, base)) {
                authTried = true;
                token = fetchToken(response.headers().firstValue("www-authenticate").orElse(""), watch);
                continue;
            }
            if (!isRedirect(status) || response.headers().firstValue("location").isEmpty()) {
                return response;
            }
            URI next = current.resolve(response.headers().firstValue("location").get());
            if (redirects == Redirects.SAME_HOST && !sameHost(next, url)) {
                return response;
            }
            current = next;
            hop++;
        }
        throw new IOException("maximum redirects exceeded (" + MAX_REDIRECTS + ") for " + url);
    }

    private <T> HttpResponse<T> once(String method, URI url, Map<String, String> headers, BodyHandler<T> handler,
                                     boolean registryAuth, Watch watch) throws IOException {
        HttpRequest.Builder request = newRequest(method, url, headers);
        String bearer = token;
        if (registryAuth && bearer != null && sameAuthority(url, base)) {
            request.header("Authorization", "Bearer " + bearer);
        }
        BodyHandler<T> guarded = info -> isRedirect(info.statusCode()) || info.statusCode() == 401
                ? BodySubscribers.replacing(null)
                : handler.apply(info);
        return await(http.sendAsync(request.build(), guarded), watch);
    }

    private HttpRequest.Builder newRequest(String method, URI url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(options.stallTimeout())
                .header("User-Agent", options.userAgent())
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return request;
    }

    /** Waits for a response, checking {@code watch} between short waits. */
    static <T> T await(CompletableFuture<T> future, Watch watch) throws IOException {
        try {
            while (true) {
                try {
                    return future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    try {
                        watch.check();
                    } catch (IOException | RuntimeException stop) {
                        future.cancel(true);
                        throw stop;
                    }
                }
            }
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new PullCancelledException();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause == null ? "request failed" : cause.toString(), cause);
        }
    }

    /**
     * The registry's token flow (§5): the challenge's realm, asked with a signed GET when a key
     * can be had, unsigned otherwise (enough for anonymous pulls of public models).
     */
    private String fetchToken(String header, Watch watch) throws IOException {
        AuthChallenge challenge = AuthChallenge.parse(header);
        if (challenge.realm().isEmpty()) {
            throw new HttpStatusException(401, "unauthorized: no bearer challenge");
        }
        URI realm = URI.create(challenge.realm());
        if (realm.getHost() == null || !realm.getHost().equalsIgnoreCase(base.getHost())) {
            throw new IOException("unauthorized: the token realm " + realm + " is not on the registry host");
        }
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        TokenRequest request = TokenRequest.of(challenge, System.currentTimeMillis() / 1000,
                Base64.getUrlEncoder().withoutPadding().encodeToString(nonce));
        HttpRequest.Builder get = newRequest("GET", request.url(), Map.of());
        signature(request).ifPresent(value -> get.header("Authorization", value));
        // the plain body handler, not once()'s: a refused token request's body says why
        HttpResponse<InputStream> response = await(http.sendAsync(get.build(), BodyHandlers.ofInputStream()), watch);
        try (InputStream body = response.body()) {
            failOnError(response.statusCode(), body);
            JsonNode reply = JSON.readTree(body.readNBytes(MAX_MANIFEST_BYTES));
            String value = reply == null ? "" : reply.path("token").asText("");
            if (value.isEmpty()) {
                throw new IOException("unauthorized: the registry sent no token");
            }
            return value;
        }
    }

    /** The Authorization value for a token request, or none when no key can be loaded or created. */
    private Optional<String> signature(TokenRequest request) {
        try {
            return Optional.of(keys.loadOrCreate().authorization(request.signedBytes()));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "asking the registry for a token without a signature: " + e.getMessage());
            return Optional.empty();
        }
    }

    static void failOnError(int status, InputStream body) throws IOException {
        if (status >= 400) {
            String text = body == null ? "" : new String(body.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
            throw new HttpStatusException(status, text);
        }
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean sameHost(URI a, URI b) {
        return a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost());
    }

    private static boolean sameAuthority(URI a, URI b) {
        return sameHost(a, b) && a.getPort() == b.getPort();
    }
}
