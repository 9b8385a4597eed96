package jollama.server.registry;

import java.util.Objects;

/**
 * Per-pull choices.
 *
 * @param insecure talk plain http to the registry ({@code insecure} of {@code /api/pull})
 * @param cancel   stops the pull when cancelled
 */
public record PullOptions(boolean insecure, CancelSignal cancel) {

    public PullOptions {
        Objects.requireNonNull(cancel, "cancel");
    }

    public static PullOptions defaults() {
        return new PullOptions(false, new CancelSignal());
    }

    public static PullOptions insecure(boolean insecure) {
        return new PullOptions(insecure, new CancelSignal());
    }
}
