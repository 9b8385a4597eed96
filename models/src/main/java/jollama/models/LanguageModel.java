package jollama.models;

/**
 * A loaded model: its weights stay mapped from the GGUF file; every sequence (a conversation,
 * a request) has its own KV cache and scratch buffers, so sequences run independently.
 */
public interface LanguageModel {

    String architecture();

    int vocabularySize();

    /** Width of the hidden state, the length of an embedding. */
    int embeddingLength();

    /** The context length the model was trained with. */
    int trainedContextLength();

    /** A new, empty sequence with room for {@code capacity} positions. */
    Sequence newSequence(int capacity);
}
