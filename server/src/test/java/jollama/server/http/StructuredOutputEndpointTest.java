package jollama.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code format} (§1.1) and {@code response_format} (§3.1) on the random-weight model, whose free
 * text is never JSON: every reply must still parse and fit the schema.
 */
class StructuredOutputEndpointTest {

    private static ServerHarness h;

    @BeforeAll
    static void start() {
        h = new ServerHarness();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\",\"maxLength\":10},"
            + "\"temp\":{\"type\":\"integer\"}},\"required\":[\"city\",\"temp\"]}";

    @Test
    void nativeChatFollowsTheSchema() throws Exception {
        ServerHarness.Reply r = h.post("/api/chat", "{\"model\":\"tiny\",\"stream\":false,\"format\":" + SCHEMA
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}],\"options\":{\"seed\":5,"
                + "\"temperature\":1,\"num_predict\":60}}");
        assertEquals(200, r.status(), r.body());
        JsonNode value = ServerHarness.JSON.readTree(r.json().at("/message/content").asText());
        assertTrue(value.get("city").isTextual() && value.get("temp").isIntegralNumber(), value.toString());
    }

    @Test
    void jsonFormatGivesAnObjectOnGenerate() throws Exception {
        ServerHarness.Reply r = h.post("/api/generate", "{\"model\":\"tiny\",\"stream\":false,\"format\":\"json\","
                + "\"prompt\":\"Answer in JSON.\",\"options\":{\"seed\":2,\"temperature\":1,\"num_predict\":40}}");
        assertEquals(200, r.status(), r.body());
        assertTrue(ServerHarness.JSON.readTree(r.json().get("response").asText()).isObject(), r.body());
    }

    @Test
    void openAiJsonSchemaResponseFormat() throws Exception {
        ServerHarness.Reply r = h.post("/v1/chat/completions", "{\"model\":\"tiny\",\"seed\":3,\"max_tokens\":60,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}],\"response_format\":{\"type\":"
                + "\"json_schema\",\"json_schema\":{\"name\":\"weather\",\"schema\":" + SCHEMA + "}}}");
        assertEquals(200, r.status(), r.body());
        JsonNode value = ServerHarness.JSON.readTree(r.json().at("/choices/0/message/content").asText());
        assertTrue(value.get("city").isTextual() && value.get("temp").isIntegralNumber(), value.toString());
    }

    @Test
    void unsupportedSchemaFeaturesAreA400() {
        ServerHarness.Reply r = h.post("/api/chat", "{\"model\":\"tiny\",\"stream\":false,\"format\":{\"type\":"
                + "\"string\",\"pattern\":\"^a+$\"},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertEquals(400, r.status(), r.body());
        assertTrue(r.error().contains("pattern"), r.body());
    }

    @Test
    void aFormatThatIsNeitherJsonNorASchemaIsRefused() {
        ServerHarness.Reply r = h.post("/api/generate", "{\"model\":\"tiny\",\"stream\":false,\"format\":\"xml\","
                + "\"prompt\":\"x\"}");
        assertEquals(500, r.status(), r.body());
        assertTrue(r.error().startsWith("invalid format: "), r.body());
    }
}
