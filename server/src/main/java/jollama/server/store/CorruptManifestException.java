package jollama.server.store;

import java.io.IOException;

/** Manifest bytes that are not a valid image manifest (bad JSON, a missing field, a bad digest). */
public final class CorruptManifestException extends IOException {

    private static final long serialVersionUID = 1L;

    public CorruptManifestException(String message) {
        super(message);
    }

    public CorruptManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
