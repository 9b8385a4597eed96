package jollama.server.store;

/**
 * A blob added to the store.
 *
 * @param digest  its sha256
 * @param size    its length
 * @param created true when the store did not have it before ({@code create}'s "creating new layer"
 *                against "using existing layer")
 */
public record WrittenBlob(Digest digest, long size, boolean created) {
}
