package jollama.server.http.openai;

import java.util.List;

/**
 * {@code /v1/embeddings}' reply: {@code {"object":"list","data":[{"object":"embedding","embedding","index"}],"model","usage"}}.
 * An embedding is a float array, or a base64 string of its little-endian float32 bytes.
 */
public record EmbeddingList(String object, List<Item> data, String model, Usage usage) {

    public record Item(String object, Object embedding, int index) {
    }

    public record Usage(int promptTokens, int totalTokens) {
    }
}
