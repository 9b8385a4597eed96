package jollama.server.registry;

import jollama.server.store.Digest;

import java.util.Objects;

/**
 * One progress line of a pull (§1.10): {@code {"status","digest"?,"total"?,"completed"?}}.
 * Zero and null fields are left out when serialised, as Go's omitempty does.
 *
 * @param status    {@code pulling manifest}, {@code pulling <12 hex>}, {@code verifying sha256 digest},
 *                  {@code writing manifest}, {@code removing unused layers}, {@code success}
 * @param digest    {@code sha256:<hex>} for layer progress, else null
 * @param total     the layer's size, 0 for plain statuses
 * @param completed bytes present so far, 0 for plain statuses
 */
public record PullProgress(String status, String digest, long total, long completed) {

    public PullProgress {
        Objects.requireNonNull(status, "status");
    }

    /** A status line without numbers. */
    public static PullProgress status(String status) {
        return new PullProgress(status, null, 0, 0);
    }

    /** A layer's progress: {@code pulling <first 12 hex digits>}. */
    public static PullProgress layer(Digest digest, long total, long completed) {
        return new PullProgress("pulling " + digest.shortHex(), digest.toString(), total, completed);
    }

    /** Whether this is a layer progress line. */
    public boolean isLayer() {
        return digest != null;
    }
}
