package jollama.server.store;

/**
 * The outcome of writing a manifest.
 *
 * @param name     the name it was written under, in the case stored on disk
 * @param digest   sha256 of the bytes written
 * @param previous the manifest it replaced, or null when there was none (or it was unreadable)
 */
public record ManifestWrite(ModelName name, Digest digest, Manifest previous) {
}
