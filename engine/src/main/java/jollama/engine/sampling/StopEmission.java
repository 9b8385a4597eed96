package jollama.engine.sampling;

/** What {@link StopSequenceMatcher#accept} lets through for one piece of generated text. */
public sealed interface StopEmission {
    /** Text that is safe to stream now; may be empty while a possible stop string is held back. */
    String text();

    /** Generation goes on. */
    record Streaming(String text) implements StopEmission {
    }

    /**
     * A stop string completed: {@code text} is what preceded it (the stop string itself is never
     * emitted) and generation must end with done_reason "stop".
     */
    record Stopped(String text, String stopSequence) implements StopEmission {
    }
}
