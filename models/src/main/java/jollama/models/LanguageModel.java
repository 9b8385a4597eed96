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

    /**
     * Evaluates one more token for each of {@code count} distinct sequences, {@code tokens[i]} for
     * {@code sequences[i]}, and stores each one's next-token logits (its own buffer, as
     * {@link Sequence#append} returns it) in {@code logits[i]}. A model that can batch reads its
     * weights once for all of them; this default evaluates them one after the other.
     */
    default void decode(Sequence[] sequences, int[] tokens, int count, float[][] logits) {
        for (int i = 0; i < count; i++) {
            logits[i] = sequences[i].append(tokens, i, 1);
        }
    }
}
