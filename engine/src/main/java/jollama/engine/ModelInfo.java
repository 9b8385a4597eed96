package jollama.engine;

import jollama.engine.embed.Pooling;

/**
 * What a loaded model is.
 *
 * @param name                 {@code general.name}, or the file name
 * @param architecture         {@code general.architecture}, e.g. "qwen3"
 * @param parameterCount       weights in the file
 * @param fileType             the quantization as llama.cpp names it, e.g. "Q4_K_M"
 * @param trainedContextLength the model's own context length
 * @param contextLength        positions per sequence as loaded
 * @param embeddingLength      width of the hidden state and of embeddings
 * @param pooling              the embedding pooling from the file (NONE for chat models)
 * @param hasChatTemplate      whether the file carries {@code tokenizer.chat_template}
 */
public record ModelInfo(String name, String architecture, long parameterCount, String fileType,
                        int trainedContextLength, int contextLength, int embeddingLength, Pooling pooling,
                        boolean hasChatTemplate) {

    /** True for embedding models (those with a pooling type), as Ollama decides it. */
    public boolean isEmbeddingModel() {
        return pooling != Pooling.NONE;
    }
}
