package jollama.server.compat;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import dev.langchain4j.model.ollama.OllamaModel;
import dev.langchain4j.model.ollama.OllamaModels;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.Response;
import jollama.server.client.ApiMessage;
import jollama.server.client.Cancellation;
import jollama.server.client.OllamaClient;
import jollama.server.client.ServedStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LangChain4j's Ollama integration ({@code langchain4j-ollama}), a third-party client used
 * unmodified, against the real server on the native API: chat, streaming chat, embeddings and
 * the model list. Answers are compared with what the server gives this project's own client for
 * the same request, so the test checks the wire format, not the (random) model's words.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LangChain4jOllamaTest {

    private static final int TOKENS = 6;

    @TempDir
    static Path root;

    static ServedStore served;
    static OllamaClient client;

    @BeforeAll
    static void start() throws IOException {
        served = new ServedStore(root);
        served.addModel("tiny", ServedStore.chatModel(), null, null);
        served.addModel("tiny-embed", ServedStore.embedModel(), null, null);
        client = OllamaClient.fromEnvironment(served.env());
    }

    @AfterAll
    static void stop() {
        served.close();
    }

    /** The greedy answer the server gives for one user message, think off. */
    static String expectedAnswer(String prompt) throws IOException {
        StringBuilder text = new StringBuilder();
        client.chat(new jollama.server.client.ChatRequest("tiny", List.of(new ApiMessage("user", prompt)),
                Map.of("num_predict", TOKENS, "temperature", 0), false, null, null, null),
                c -> text.append(c.content()), new Cancellation());
        return text.toString();
    }

    @Test
    void chat() throws IOException {
        OllamaChatModel model = OllamaChatModel.builder().baseUrl(served.base()).modelName("tiny")
                .numPredict(TOKENS).temperature(0.0).think(false).timeout(Duration.ofSeconds(60)).build();
        ChatResponse r = model.chat(ChatRequest.builder().messages(UserMessage.from("Hello")).build());
        assertEquals(expectedAnswer("Hello"), r.aiMessage().text());
        assertEquals(FinishReason.LENGTH, r.finishReason());
        assertEquals(TOKENS, r.tokenUsage().outputTokenCount());
        assertTrue(r.tokenUsage().inputTokenCount() > 0, r.tokenUsage().toString());
    }

    @Test
    void streamingChat() throws Exception {
        OllamaStreamingChatModel model = OllamaStreamingChatModel.builder().baseUrl(served.base()).modelName("tiny")
                .numPredict(TOKENS).temperature(0.0).think(false).timeout(Duration.ofSeconds(60)).build();
        List<String> partials = new ArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat("Hello", new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {
                partials.add(partialResponse);
            }

            @Override
            public void onCompleteResponse(ChatResponse completeResponse) {
                done.complete(completeResponse);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse complete = done.get(60, TimeUnit.SECONDS);
        String expected = expectedAnswer("Hello");
        assertTrue(partials.size() > 1, "streamed in pieces: " + partials);
        assertEquals(expected, String.join("", partials));
        assertEquals(expected, complete.aiMessage().text());
        assertEquals(TOKENS, complete.tokenUsage().outputTokenCount());
    }

    @Test
    void embeddings() throws IOException {
        OllamaEmbeddingModel model = OllamaEmbeddingModel.builder().baseUrl(served.base()).modelName("tiny-embed")
                .timeout(Duration.ofSeconds(60)).build();
        Response<Embedding> r = model.embed("hello world");
        float[] expected = client.embed("tiny-embed", "hello world", null, 0, null).getFirst();
        float[] actual = r.content().vector();
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-6f, "element " + i);
        }
    }

    @Test
    void theModelList() {
        OllamaModels models = OllamaModels.builder().baseUrl(served.base()).timeout(Duration.ofSeconds(30)).build();
        List<String> names = models.availableModels().content().stream().map(OllamaModel::getName).toList();
        assertTrue(names.containsAll(List.of("tiny:latest", "tiny-embed:latest")), names.toString());
        OllamaModel tiny = models.availableModels().content().stream()
                .filter(m -> m.getName().equals("tiny:latest")).findFirst().orElseThrow();
        assertFalse(tiny.getDigest().isEmpty());
        assertEquals("qwen3", tiny.getDetails().getFamily());
    }
}
