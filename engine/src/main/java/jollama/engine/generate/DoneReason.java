package jollama.engine.generate;

import java.util.Locale;

/** Why a generation ended; {@link #apiName()} is Ollama's {@code done_reason}. */
public enum DoneReason {
    /** An end-of-generation token or a stop sequence. */
    STOP,
    /** {@code num_predict} tokens, or the context is full. */
    LENGTH,
    /** Cancelled by the caller (for example a client that went away). */
    CANCELLED;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
