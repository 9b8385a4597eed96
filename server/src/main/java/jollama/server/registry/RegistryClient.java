package jollama.server.registry;

import jollama.server.store.Digest;
import jollama.server.store.ModelName;
import jollama.server.store.ModelStore;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Pulls models from an Ollama registry into a {@link ModelStore} (§5), reporting progress as
 * {@code /api/pull} streams it (§1.10).
 *
 * <p>One instance serves a whole server: concurrent pulls that need the same blob share one
 * download. The registry is {@code https://<host of the name>}, plain http when the pull is
 * {@link PullOptions#insecure() insecure}, or {@link RegistryOptions#baseUrl()} when set.
 */
public final class RegistryClient implements AutoCloseable {

    private final RegistryOptions options;
    private final RegistryKeyFiles keys;
    private final HttpClient http;
    /** Downloads in flight by blob, shared between pulls; entries leave when they finish. */
    private final Map<Digest, BlobDownload> downloads = new HashMap<>();

    public RegistryClient() {
        this(RegistryOptions.defaults());
    }

    /** Signing token requests with the key in the user's {@code ~/.ollama}, as Ollama does. */
    public RegistryClient(RegistryOptions options) {
        this(options, RegistryKeyFiles.inUserHome(Path.of(System.getProperty("user.home"))));
    }

    /**
     * @param keys the key that signs token requests; it is created there on the first token
     *             request if missing, and requests go unsigned when it can be neither read nor made
     */
    public RegistryClient(RegistryOptions options, RegistryKeyFiles keys) {
        this.options = Objects.requireNonNull(options, "options");
        this.keys = Objects.requireNonNull(keys, "keys");
        // HTTP/1.1 so that parallel parts use parallel connections, and redirects by hand (§5.3)
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(options.connectTimeout())
                .build();
    }

    public RegistryOptions options() {
        return options;
    }

    /** {@link #pull(ModelName, ModelStore, PullOptions, Consumer)} over https, not cancellable. */
    public void pull(ModelName name, ModelStore store, Consumer<PullProgress> progress) throws PullException {
        pull(name, store, PullOptions.defaults(), progress);
    }

    /**
     * Pulls a model: manifest, then every missing layer and the config, verification of the new
     * blobs, the manifest written as received, and the old manifest's now unused blobs pruned.
     * {@code progress} is called on this thread with the statuses of §1.10, at most about once
     * per {@link RegistryOptions#progressInterval()} per layer.
     *
     * @throws PullCancelledException when cancelled or interrupted; partial files stay for a resume
     * @throws PullException          with {@code /api/pull}'s error text otherwise
     */
    public void pull(ModelName name, ModelStore store, PullOptions pullOptions, Consumer<PullProgress> progress)
            throws PullException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(pullOptions, "pullOptions");
        Objects.requireNonNull(progress, "progress");
        new PullOperation(this, name, store, pullOptions, progress).run();
    }

    /** The registry's base URL for a name. */
    URI baseUrl(ModelName name, boolean insecure) {
        if (options.baseUrl() != null) {
            return options.baseUrl();
        }
        String scheme = insecure ? "http" : name.scheme();
        return URI.create(scheme + "://" + name.host());
    }

    RegistrySession newSession(URI base) {
        return new RegistrySession(http, options, base, keys);
    }

    /**
     * The running download of a blob, joined, or a new one started; either way with one more
     * waiter that must {@link BlobDownload#release() release} it.
     */
    BlobDownload join(ModelStore store, Digest digest, long size, RegistrySession session, ModelName name) {
        synchronized (downloads) {
            BlobDownload download = downloads.get(digest);
            if (download == null || !download.tryAcquire()) {
                BlobDownload predecessor = download != null && !download.isDone() ? download : null;
                download = new BlobDownload(store, digest, size, session, session.blobUrl(name, digest), predecessor,
                        this::finished);
                downloads.put(digest, download);
                download.tryAcquire();
                download.start();
            }
            return download;
        }
    }

    private void finished(BlobDownload download) {
        synchronized (downloads) {
            downloads.remove(download.digest(), download);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
