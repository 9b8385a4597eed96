package jollama.server.store;

import java.util.Objects;

/**
 * One entry of a manifest: the config or a layer.
 *
 * @param mediaType see {@link MediaTypes}
 * @param digest    the blob
 * @param size      the blob's length in bytes
 * @param from      the model the layer was taken from by {@code create}, or null
 * @param name      a tensor layer's tensor name, or null (kept so such manifests survive a rewrite)
 */
public record Layer(String mediaType, Digest digest, long size, String from, String name) {

    public Layer {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("negative layer size " + size);
        }
        from = from == null || from.isEmpty() ? null : from;
        name = name == null || name.isEmpty() ? null : name;
    }

    public Layer(String mediaType, Digest digest, long size) {
        this(mediaType, digest, size, null, null);
    }

    /** This layer marked as taken from {@code source} (create's {@code from}). */
    public Layer withFrom(String source) {
        return new Layer(mediaType, digest, size, source, name);
    }
}
