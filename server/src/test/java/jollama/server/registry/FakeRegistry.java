package jollama.server.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jollama.server.store.Digest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry on 127.0.0.1 that behaves like registry.ollama.ai for pulls: manifests, HEAD on
 * blobs, blob GETs answered with a redirect to a same-host path and from there to a "CDN" on
 * another host name ({@code localhost}) that serves byte ranges. Faults can be injected into
 * the CDN: dropped connections, a hang, and a gate that holds transfers back.
 */
final class FakeRegistry implements AutoCloseable {

    private static final Pattern MANIFEST = Pattern.compile("/v2/([^/]+)/([^/]+)/manifests/([^/]+)");
    private static final Pattern BLOB = Pattern.compile("/v2/([^/]+)/([^/]+)/blobs/(sha256:[0-9a-f]{64})");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");
    private static final int CHUNK = 16 * 1024;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> served = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    volatile String manifestAccept;
    volatile String userAgent;
    /** Whether blob GETs redirect (to a CDN on another host) or are answered by the registry. */
    volatile boolean redirectBlobs = true;
    /** When set, registry requests need its bearer token, obtained with a signed request ({@link #requireTokens()}). */
    private volatile TokenAuthority authority;

    // fault injection on the CDN
    private volatile String faultDigest;
    private final AtomicInteger drops = new AtomicInteger();
    private volatile long dropAfterBytes;
    private final AtomicInteger hangs = new AtomicInteger();
    final AtomicInteger droppedRequests = new AtomicInteger();
    private volatile long pauseAt = Long.MAX_VALUE;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    final CountDownLatch paused = new CountDownLatch(1);

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(executor);
        server.createContext("/v2/", this::registry);
        server.createContext("/redirect/", this::sameHostRedirect);
        server.createContext("/cdn/", this::cdn);
        server.createContext("/token", this::token);
        server.start();
    }

    /** From now on the registry answers 401 with a bearer challenge whose realm is this server's {@code /token}. */
    TokenAuthority requireTokens() {
        TokenAuthority tokens = new TokenAuthority(baseUrl() + "/token");
        authority = tokens;
        return tokens;
    }

    private void token(HttpExchange exchange) throws IOException {
        TokenAuthority tokens = authority;
        if (tokens == null) {
            try (exchange) {
                send(exchange, 404, "404 page not found");
            }
            return;
        }
        tokens.handleToken(exchange);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** {@code 127.0.0.1:<port>}: the host part of model names pulled from here. */
    String host() {
        return "127.0.0.1:" + port();
    }

    URI baseUrl() {
        return URI.create("http://" + host());
    }

    void putManifest(String namespace, String model, String tag, byte[] bytes) {
        manifests.put(namespace + "/" + model + "/" + tag, bytes);
    }

    /** Serves {@code content} as the blob {@code digest} (which need not be its hash). */
    void putBlob(Digest digest, byte[] content) {
        blobs.put(digest.toString(), content);
    }

    /** Bytes of a blob sent by the CDN so far. */
    long servedBytes(Digest digest) {
        return served.computeIfAbsent(digest.toString(), d -> new AtomicLong()).get();
    }

    void resetCounters() {
        served.clear();
        requests.clear();
    }

    /** The next {@code count} CDN transfers of the blob drop the connection after {@code bytes} bytes. */
    void dropConnections(Digest digest, int count, long bytes) {
        faultDigest = digest.toString();
        dropAfterBytes = bytes;
        drops.set(count);
    }

    /** The next {@code count} CDN transfers of the blob send a little, then go silent until the client leaves. */
    void hang(Digest digest, int count) {
        faultDigest = digest.toString();
        hangs.set(count);
    }

    /** CDN transfers of the blob stop once {@code bytes} of it have been sent, until {@link #openGate()}. */
    void pauseAfter(Digest digest, long bytes) {
        faultDigest = digest.toString();
        gate = new CountDownLatch(1);
        pauseAt = bytes;
    }

    void openGate() {
        pauseAt = Long.MAX_VALUE;
        gate.countDown();
    }

    private void registry(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            requests.add(method + " " + path);
            TokenAuthority tokens = authority;
            if (tokens != null && !tokens.admit(exchange)) {
                return;
            }
            Matcher m = MANIFEST.matcher(path);
            if (m.matches() && method.equals("GET")) {
                manifestAccept = exchange.getRequestHeaders().getFirst("Accept");
                userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
                byte[] manifest = manifests.get(m.group(1) + "/" + m.group(2) + "/" + m.group(3));
                if (manifest == null) {
                    send(exchange, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}");
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/vnd.docker.distribution.manifest.v2+json");
                exchange.sendResponseHeaders(200, manifest.length);
                exchange.getResponseBody().write(manifest);
                return;
            }
            m = BLOB.matcher(path);
            if (m.matches()) {
                String digest = m.group(3);
                byte[] blob = blobs.get(digest);
                if (blob == null) {
                    send(exchange, 404, "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\"}]}");
                } else if (method.equals("HEAD")) {
                    exchange.getResponseHeaders().set("Content-Length", Long.toString(blob.length));
                    exchange.sendResponseHeaders(200, -1);
                } else if (redirectBlobs) {
                    exchange.getResponseHeaders().set("Location", "/redirect/" + digest);
                    exchange.sendResponseHeaders(307, -1);
                } else {
                    serveRange(exchange, digest, blob);
                }
                return;
            }
            send(exchange, 404, "404 page not found");
        }
    }

    /** The registry's own hop: still 127.0.0.1, so the client follows it. */
    private void sameHostRedirect(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            String digest = exchange.getRequestURI().getPath().substring("/redirect/".length());
            exchange.getResponseHeaders().set("Location", "http://localhost:" + port() + "/cdn/" + digest + "?sig=x");
            exchange.sendResponseHeaders(307, -1);
        }
    }

    private void cdn(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Range") + " host=" + exchange.getRequestHeaders().getFirst("Host")
                    + " auth=" + exchange.getRequestHeaders().getFirst("Authorization"));
            String digest = exchange.getRequestURI().getPath().substring("/cdn/".length());
            byte[] blob = blobs.get(digest);
            if (blob == null) {
                send(exchange, 404, "not found");
                return;
            }
            serveRange(exchange, digest, blob);
        }
    }

    private void serveRange(HttpExchange exchange, String digest, byte[] blob) throws IOException {
        long start = 0;
        long end = blob.length - 1L;
        int status = 200;
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (range != null) {
            Matcher r = RANGE.matcher(range);
            if (!r.matches()) {
                send(exchange, 416, "bad range");
                return;
            }
            start = Long.parseLong(r.group(1));
            if (!r.group(2).isEmpty()) {
                end = Math.min(end, Long.parseLong(r.group(2)));
            }
            status = 206;
            exchange.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + end + "/" + blob.length);
        }
        long length = end - start + 1;
        boolean faulty = digest.equals(faultDigest);
        boolean drop = faulty && drops.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        boolean hang = faulty && !drop && hangs.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        exchange.sendResponseHeaders(status, length);
        OutputStream out = exchange.getResponseBody();
        AtomicLong counter = served.computeIfAbsent(digest, d -> new AtomicLong());
        long sent = 0;
        while (sent < length) {
            if (drop && sent >= dropAfterBytes) {
                droppedRequests.incrementAndGet();
                out.flush();
                // leave the body short and the connection closed: what a reset mid-transfer looks like
                throw new IOException("injected connection drop");
            }
            if (hang && sent >= CHUNK) {
                out.flush();
                sleepQuietly(5_000);
                return;
            }
            if (faulty && counter.get() >= pauseAt) {
                out.flush();
                paused.countDown();
                try {
                    if (!gate.await(20, TimeUnit.SECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            int n = (int) Math.min(CHUNK, length - sent);
            out.write(blob, (int) (start + sent), n);
            counter.addAndGet(n);
            sent += n;
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        openGate();
        server.stop(0);
        executor.shutdownNow();
    }
}
