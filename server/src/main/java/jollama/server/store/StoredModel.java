package jollama.server.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A manifest found in the store.
 *
 * @param name           the name with the case stored on disk
 * @param manifest       the parsed manifest
 * @param manifestDigest sha256 of the manifest file's bytes: the {@code digest} of {@code /api/tags}
 * @param modified       the manifest file's modification time: {@code modified_at}
 * @param manifestPath   the manifest file
 */
public record StoredModel(ModelName name, Manifest manifest, Digest manifestDigest, Instant modified,
                          Path manifestPath) {

    public StoredModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(manifestDigest, "manifestDigest");
        Objects.requireNonNull(modified, "modified");
        Objects.requireNonNull(manifestPath, "manifestPath");
    }

    /** Sum of the layer sizes plus the config size. */
    public long size() {
        return manifest.totalSize();
    }
}
