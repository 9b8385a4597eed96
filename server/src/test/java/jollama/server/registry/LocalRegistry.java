package jollama.server.registry;

import jollama.server.store.Digest;
import jollama.server.store.MediaTypes;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@link FakeRegistry} for tests outside this package (the HTTP pull and create tests): a
 * registry on 127.0.0.1 that serves manifests and blobs, with a gate to hold a transfer back.
 */
public final class LocalRegistry implements AutoCloseable {

    private final FakeRegistry registry;

    public LocalRegistry() throws IOException {
        this.registry = new FakeRegistry();
    }

    /** {@code http://127.0.0.1:<port>}: the base URL a {@link RegistryClient} can be pointed at. */
    public URI baseUrl() {
        return registry.baseUrl();
    }

    /**
     * Publishes a model: its blobs, and a manifest naming them (config first, then the layers in
     * the map's order).
     *
     * @return the manifest's bytes
     */
    public byte[] putModel(String namespace, String model, String tag, byte[] config, Map<String, byte[]> layers) {
        StringBuilder sb = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.MANIFEST + "\",\"config\":")
                .append(layer(MediaTypes.CONFIG, config)).append(",\"layers\":[");
        boolean first = true;
        for (Map.Entry<String, byte[]> e : layers.entrySet()) {
            sb.append(first ? "" : ",").append(layer(e.getKey(), e.getValue()));
            first = false;
        }
        byte[] manifest = sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        registry.putManifest(namespace, model, tag, manifest);
        return manifest;
    }

    private String layer(String mediaType, byte[] blob) {
        Digest digest = Digest.of(blob);
        registry.putBlob(digest, blob);
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + blob.length + "}";
    }

    /** Transfers of the blob stop once {@code bytes} of it have been sent, until {@link #openGate()}. */
    public void pauseAfter(Digest digest, long bytes) {
        registry.pauseAfter(digest, bytes);
    }

    /** Waits until a paused transfer has reached the gate. */
    public boolean awaitPaused(long seconds) throws InterruptedException {
        return registry.paused.await(seconds, TimeUnit.SECONDS);
    }

    public void openGate() {
        registry.openGate();
    }

    /** Bytes of the blob sent so far. */
    public long servedBytes(Digest digest) {
        return registry.servedBytes(digest);
    }

    @Override
    public void close() {
        registry.close();
    }
}
