package jollama.server.http.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.FinishReason;
import jollama.engine.Model;
import jollama.engine.chat.ChatMessage;
import jollama.engine.chat.ToolCall;
import jollama.engine.generate.DoneReason;
import jollama.engine.generate.GenerationResult;
import jollama.engine.parse.ParseEvent;
import jollama.server.http.Json;
import jollama.server.http.ReplyDelta;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAI-compatible API driven by a real Java OpenAI client, LangChain4j's
 * {@code langchain4j-open-ai}: chat, streaming chat, embeddings, a tool round trip.
 */
class LangChain4jClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Models unload when idle, so each request's prompt is evaluated whole and its count can be predicted. */
    private static OpenAiHarness h;

    @BeforeAll
    static void start() {
        h = OpenAiHarness.fresh();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static String v1() {
        return h.base() + "/v1";
    }

    private static OpenAiChatModel chatModel(int maxTokens) {
        return OpenAiChatModel.builder().baseUrl(v1()).apiKey("ollama").modelName("tiny").temperature(0.0)
                .maxTokens(maxTokens).timeout(TIMEOUT).build();
    }

    @Test
    void chat() {
        ChatResponse r = chatModel(5).chat(ChatRequest.builder().messages(UserMessage.from("Say this is a test")).build());
        assertNotNull(r.aiMessage().text());
        assertEquals(FinishReason.LENGTH, r.finishReason());
        assertEquals(5, r.tokenUsage().outputTokenCount());
        assertTrue(r.tokenUsage().inputTokenCount() > 0);
        assertTrue(r.id().startsWith("chatcmpl-"), r.id());
        assertEquals("tiny", r.modelName());
    }

    @Test
    void streamingChat() throws Exception {
        OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder().baseUrl(v1()).apiKey("ollama")
                .modelName("tiny").temperature(0.0).maxTokens(6).timeout(TIMEOUT).build();
        List<String> partials = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat("Count to three", new StreamingChatResponseHandler() {
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
        ChatResponse r = done.get(60, TimeUnit.SECONDS);
        assertEquals(String.join("", partials), r.aiMessage().text() == null ? "" : r.aiMessage().text());
        assertEquals(FinishReason.LENGTH, r.finishReason());
        assertEquals(6, r.tokenUsage().outputTokenCount()); // the include_usage chunk was read

        // the same conversation unstreamed gives the same text
        h.awaitUnloaded();
        ChatResponse whole = chatModel(6).chat(ChatRequest.builder().messages(UserMessage.from("Count to three")).build());
        assertEquals(whole.aiMessage().text(), r.aiMessage().text());
    }

    @Test
    void embeddings() {
        OpenAiEmbeddingModel model = OpenAiEmbeddingModel.builder().baseUrl(v1()).apiKey("ollama")
                .modelName("tiny-embed").timeout(TIMEOUT).build();
        Embedding e = model.embed("hello world").content();
        JsonNode nat = h.nativePost("/api/embed", "{\"model\":\"tiny-embed\",\"input\":\"hello world\"}")
                .path("embeddings").get(0);
        assertEquals(nat.size(), e.vector().length);
        for (int i = 0; i < e.vector().length; i++) {
            assertEquals((float) nat.get(i).asDouble(), e.vector()[i], 1e-5f); // separate loads: sums may round apart
        }
        List<Embedding> two = model.embedAll(List.of(TextSegment.from("a"), TextSegment.from("b"))).content();
        assertEquals(2, two.size());
    }

    @Test
    void toolRoundTripSecondHalfIsAcceptedAndRendered() throws Exception {
        ToolSpecification weather = ToolSpecification.builder().name("get_weather").description("Get the weather")
                .parameters(JsonObjectSchema.builder().addStringProperty("city").required("city").build()).build();
        ToolExecutionRequest call = ToolExecutionRequest.builder().id("call_k3x9q2ab").name("get_weather")
                .arguments("{\"city\":\"Paris\"}").build();
        ChatRequest request = ChatRequest.builder().toolSpecifications(weather).messages(
                UserMessage.from("Weather in Paris?"),
                AiMessage.from(call),
                ToolExecutionResultMessage.from(call, "21 degrees and sunny")).build();
        ChatResponse r = chatModel(2).chat(request);
        assertEquals(2, r.tokenUsage().outputTokenCount());

        // the prompt held the call with its arguments as an object and the named tool result
        JsonNode tools = OpenAiHarness.JSON.readTree("""
                [{"type":"function","function":{"name":"get_weather","description":"Get the weather",
                "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]""");
        List<ChatMessage> expected = List.of(ChatMessage.user("Weather in Paris?"),
                new ChatMessage("assistant", "", null, List.of(new ToolCall("get_weather", Map.of("city", "Paris"))), null),
                ChatMessage.tool("get_weather", "21 degrees and sunny"));
        int tokens;
        try (Model model = Model.open(OpenAiHarness.chatModel())) {
            List<Map<String, Object>> toolMaps = new ArrayList<>();
            for (JsonNode t : tools) {
                toolMaps.add(OpenAiHarness.JSON.convertValue(t, LinkedHashMap.class));
            }
            tokens = model.tokenize(model.renderChat(expected, toolMaps, null)).length;
        }
        assertEquals(tokens, r.tokenUsage().inputTokenCount());
    }

    @Test
    void jsonSchemaResponseFormatIsAccepted() {
        ResponseFormat format = ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(JsonSchema.builder()
                .name("person").rootElement(JsonObjectSchema.builder().addStringProperty("name").required("name").build())
                .build()).build();
        ChatResponse r = chatModel(3).chat(ChatRequest.builder().messages(UserMessage.from("Name someone"))
                .responseFormat(format).build());
        assertNotNull(r.finishReason());
    }

    // ---- tool-call output: the random-weight model never calls tools, so its reply is scripted ----

    private static final Json JSON = new Json();

    private static ReplyDelta scriptedCall() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("city", "Paris");
        args.put("unit", "celsius");
        return ReplyDelta.of(List.<ParseEvent>of(new ParseEvent.ToolCall("call_p4r1s000", 0, "get_weather", args)));
    }

    /** Serves one canned body on /v1/chat/completions, built by the same classes the server uses. */
    private static <T> T withScriptedServer(String contentType, Supplier<byte[]> body, java.util.function.Function<String, T> client)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.get();
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        try {
            return client.apply("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void scriptedToolCallIsParsedByTheClient() throws IOException {
        ChatCompletionFormat format = new ChatCompletionFormat(JSON, "tiny", false, false);
        ChatResponse r = withScriptedServer("application/json",
                () -> JSON.bytes(format.whole(scriptedCall(), List.of(), "stop", new Usage(20, 9, 29))),
                base -> OpenAiChatModel.builder().baseUrl(base).apiKey("ollama").modelName("tiny").build()
                        .chat(ChatRequest.builder().messages(UserMessage.from("Weather?")).build()));
        assertEquals(FinishReason.TOOL_EXECUTION, r.finishReason());
        ToolExecutionRequest call = r.aiMessage().toolExecutionRequests().getFirst();
        assertEquals("call_p4r1s000", call.id());
        assertEquals("get_weather", call.name());
        assertEquals("{\"city\":\"Paris\",\"unit\":\"celsius\"}", call.arguments());
        assertEquals(20, r.tokenUsage().inputTokenCount());
    }

    @Test
    void scriptedStreamedToolCallIsParsedByTheClient() throws Exception {
        Supplier<byte[]> sse = () -> {
            ChatChunks chunks = new ChatChunks("chatcmpl-5", 1L, "tiny");
            StringBuilder out = new StringBuilder();
            List<Object> events = new ArrayList<>(chunks.step(scriptedCall(), List.of()));
            events.add(chunks.finish("stop", List.of()));
            events.add(chunks.usage(new GenerationResult("", new int[0], DoneReason.STOP, 20, 1, 9, 1)));
            for (Object e : events) {
                out.append("data: ").append(new String(JSON.bytes(e), StandardCharsets.UTF_8)).append("\n\n");
            }
            return out.append("data: [DONE]\n\n").toString().getBytes(StandardCharsets.UTF_8);
        };
        List<CompleteToolCall> completed = new CopyOnWriteArrayList<>();
        ChatResponse r = withScriptedServer("text/event-stream", sse, base -> {
            CompletableFuture<ChatResponse> done = new CompletableFuture<>();
            OpenAiStreamingChatModel.builder().baseUrl(base).apiKey("ollama").modelName("tiny").build()
                    .chat("Weather?", new StreamingChatResponseHandler() {
                        @Override
                        public void onCompleteToolCall(CompleteToolCall toolCall) {
                            completed.add(toolCall);
                        }

                        @Override
                        public void onPartialResponse(String partialResponse) {
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
            try {
                return done.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(FinishReason.TOOL_EXECUTION, r.finishReason());
        assertEquals(1, completed.size());
        assertEquals(0, completed.getFirst().index());
        ToolExecutionRequest call = r.aiMessage().toolExecutionRequests().getFirst();
        assertEquals("call_p4r1s000", call.id());
        assertEquals("get_weather", call.name());
        assertEquals("{\"city\":\"Paris\",\"unit\":\"celsius\"}", call.arguments());
        assertEquals(9, r.tokenUsage().outputTokenCount());
    }
}
