package jollama.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import jollama.engine.chat.ChatMessage;
import jollama.server.http.api.ApiMessage;
import jollama.server.http.catalog.CatalogMessage;
import jollama.server.http.catalog.CatalogModel;
import jollama.server.http.catalog.ModelDetails;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /api/chat} (§1.3). */
class ChatEndpointTest {

    private static ServerHarness h;

    @BeforeAll
    static void start() {
        h = new ServerHarness();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void streamsAssistantMessages() {
        ServerHarness.Reply r = h.post("/api/chat", "{\"model\":\"tiny\",\"messages\":[{\"role\":\"USER\",\"content\":\"Hi\"}],"
                + "\"options\":{\"num_predict\":4,\"temperature\":0}}");
        assertEquals(200, r.status(), r.body());
        assertEquals("application/x-ndjson", r.contentType());
        List<JsonNode> lines = r.lines();
        for (JsonNode line : lines.subList(0, lines.size() - 1)) {
            assertEquals("assistant", line.path("message").path("role").asText());
            assertFalse(line.path("message").path("content").asText().isEmpty());
            assertFalse(line.path("done").asBoolean());
            assertFalse(line.has("context"));
        }
        JsonNode last = lines.getLast();
        assertTrue(last.path("done").asBoolean());
        assertEquals("length", last.path("done_reason").asText());
        assertEquals("", last.path("message").path("content").asText());
        assertEquals(4, last.path("eval_count").asInt());
        assertTrue(ServerHarness.CREATED_AT.matcher(last.path("created_at").asText()).matches());
    }

    @Test
    void nonStreamingConcatenatesTheReply() {
        String body = "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
                + "\"stream\":false,\"options\":{\"num_predict\":5,\"temperature\":0}}";
        JsonNode whole = h.post("/api/chat", body).json();
        assertTrue(whole.path("done").asBoolean());
        assertEquals("assistant", whole.path("message").path("role").asText());
        StringBuilder text = new StringBuilder();
        for (JsonNode line : h.post("/api/chat", body.replace("\"stream\":false,", "")).lines()) {
            text.append(line.path("message").path("content").asText());
        }
        assertEquals(whole.path("message").path("content").asText(), text.toString());
    }

    @Test
    void loadAndUnloadReplies() {
        JsonNode load = h.post("/api/chat", "{\"model\":\"tiny\",\"messages\":[]}").json();
        assertEquals("load", load.path("done_reason").asText());
        assertEquals("assistant", load.path("message").path("role").asText());
        assertEquals("", load.path("message").path("content").asText());

        JsonNode unload = h.post("/api/chat", "{\"model\":\"tiny\",\"keep_alive\":\"0s\"}").json();
        assertEquals("unload", unload.path("done_reason").asText());
        assertFalse(h.get("/api/ps").body().contains("\"tiny:latest\""));
    }

    @Test
    void errorCatalogue() {
        ServerHarness.Reply noModel = h.post("/api/chat", "{\"messages\":[]}");
        assertEquals(400, noModel.status());
        assertEquals("model is required", noModel.error());

        ServerHarness.Reply unknown = h.post("/api/chat", "{\"model\":\"Nope:7b\",\"messages\":[]}");
        assertEquals(404, unknown.status());
        assertEquals("model 'Nope:7b' not found", unknown.error());

        ServerHarness.Reply embedding = h.post("/api/chat",
                "{\"model\":\"tiny-embed\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertEquals(400, embedding.status());
        assertEquals("\"tiny-embed\" does not support chat", embedding.error());

        ServerHarness.Reply wrongOption = h.post("/api/chat",
                "{\"model\":\"tiny\",\"messages\":[],\"options\":{\"num_predict\":\"many\"}}");
        assertEquals(500, wrongOption.status());
        assertEquals("option \"num_predict\" must be of type integer", wrongOption.error());

        ServerHarness.Reply stopNotArray = h.post("/api/chat",
                "{\"model\":\"tiny\",\"messages\":[],\"options\":{\"stop\":\"x\"}}");
        assertEquals(500, stopNotArray.status());
    }

    @Test
    void truncationDropsOldMessagesButNotWhenTurnedOff() {
        StringBuilder messages = new StringBuilder("[{\"role\":\"system\",\"content\":\"Be brief.\"}");
        for (int i = 0; i < 12; i++) {
            messages.append(",{\"role\":\"user\",\"content\":\"message number ").append(i)
                    .append(" with some padding words\"},{\"role\":\"assistant\",\"content\":\"ok\"}");
        }
        messages.append(",{\"role\":\"user\",\"content\":\"last\"}]");
        String body = "{\"model\":\"tiny\",\"messages\":" + messages + ",\"stream\":false,"
                + "\"options\":{\"num_ctx\":96,\"num_predict\":2}}";
        ServerHarness.Reply truncated = h.post("/api/chat", body);
        assertEquals(200, truncated.status(), truncated.body());
        assertTrue(truncated.json().path("prompt_eval_count").asInt() < 96);

        ServerHarness.Reply refused = h.post("/api/chat", body.replace("\"stream\":false", "\"stream\":false,\"truncate\":false"));
        assertEquals(400, refused.status());
        assertEquals("the input length exceeds the context length", refused.error());
    }

    @Test
    void modelSystemGoesFirstUnlessTheRequestHasOne() {
        CatalogModel model = new CatalogModel("m:latest", null, Path.of("x.gguf"), null, "model system", Map.of(),
                List.of(new CatalogMessage("user", "earlier")), List.of(), "", 0, null,
                new ModelDetails("", "gguf", "qwen3", null, "", ""));
        List<ChatMessage> withModelSystem = ChatHandler.assemble(model,
                List.of(new ApiMessage("user", "hi", null, null, null, null, null)));
        assertEquals(List.of("system", "user", "user"), withModelSystem.stream().map(ChatMessage::role).toList());
        assertEquals("model system", withModelSystem.getFirst().content());

        List<ChatMessage> ownSystem = ChatHandler.assemble(model, List.of(
                new ApiMessage("system", "mine", null, null, null, null, null),
                new ApiMessage("user", "hi", null, null, null, null, null)));
        assertEquals(List.of("user", "system", "user"), ownSystem.stream().map(ChatMessage::role).toList());
    }

    @Test
    void thinkBlocksOfEarlierTurnsAreRemovedForQwen3() {
        List<ChatMessage> in = List.of(ChatMessage.user("a"), ChatMessage.assistant("<think>hmm</think>\n\nanswer"),
                ChatMessage.user("b"));
        assertEquals("answer", PromptBuilder.filterThinkTags(in, "qwen3", "x").get(1).content());
        assertEquals("<think>hmm</think>\n\nanswer", PromptBuilder.filterThinkTags(in, "llama", "x").get(1).content());
    }

    @Test
    void toolsAreAcceptedByAToolCapableTemplate() {
        String tools = "[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Weather\","
                + "\"parameters\":{\"type\":\"object\",\"required\":[\"city\"],\"properties\":{\"city\":{\"type\":\"string\"}}}}}]";
        ServerHarness.Reply r = h.post("/api/chat", "{\"model\":\"tiny\",\"stream\":false,\"tools\":" + tools
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}],\"options\":{\"num_predict\":2}}");
        assertEquals(200, r.status(), r.body());
    }
}
