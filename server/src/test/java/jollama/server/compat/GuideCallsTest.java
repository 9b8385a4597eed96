package jollama.server.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jollama.server.client.ServedStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The calls of the README's server guide, run verbatim (only the port differs) with the real
 * tools against the real server: the {@code curl} lines for {@code /api/chat} (streamed),
 * {@code /api/generate}, {@code /api/embeddings} and a {@code format} schema, and the Python
 * {@code requests} snippet, without and with {@code stream=True}/{@code iter_lines()}. Skipped
 * where curl, or python3 with requests, is missing. The model {@code tiny} carries
 * {@code num_predict} and {@code temperature 0} as Modelfile parameters, so the requests stay as
 * the guide writes them and the answers stay short and repeatable.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GuideCallsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TOKENS = 24;

    @TempDir
    static Path root;

    static ServedStore served;
    static String url;

    @BeforeAll
    static void start() throws IOException {
        served = new ServedStore(root);
        served.addModel("tiny", ServedStore.chatModel(), null, Map.of("num_predict", TOKENS, "temperature", 0));
        url = "http://localhost:" + served.port();
    }

    @AfterAll
    static void stop() {
        served.close();
    }

    /** The guide's text with the server's address in place of Ollama's default one. */
    private static String here(String guideText) {
        return guideText.replace("http://localhost:11434", url);
    }

    private static ExternalProcess curl(String path, String body) throws Exception {
        Assumptions.assumeTrue(ExternalProcess.works(List.of("curl", "--version")), "curl is not installed");
        ExternalProcess curl = ExternalProcess.run(List.of("curl", "-s", here("http://localhost:11434" + path),
                "-d", body));
        assertEquals(0, curl.exit(), curl.err());
        return curl;
    }

    private static List<JsonNode> lines(String ndjson) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : ndjson.strip().split("\n")) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    @Test
    void curlChatStreamsOneObjectALine() throws Exception {
        ExternalProcess curl = curl("/api/chat", """
                {
                  "model": "tiny",
                  "messages": [{"role": "user", "content": "Why is the sky blue?"}]
                }""");
        List<JsonNode> chunks = lines(curl.out());
        assertTrue(chunks.size() >= 2, curl.out());
        for (JsonNode chunk : chunks.subList(0, chunks.size() - 1)) {
            assertEquals("tiny", chunk.path("model").asText());
            assertFalse(chunk.path("done").asBoolean(), chunk.toString());
            assertEquals("assistant", chunk.path("message").path("role").asText());
            assertTrue(chunk.path("message").has("content"), chunk.toString());
        }
        JsonNode last = chunks.getLast();
        assertTrue(last.path("done").asBoolean(), last.toString());
        assertEquals("length", last.path("done_reason").asText());
        assertEquals(TOKENS, last.path("eval_count").asInt());
        assertTrue(last.path("total_duration").asLong() > 0, last.toString());
    }

    @Test
    void curlGenerateWithoutStreamingIsOneObject() throws Exception {
        ExternalProcess curl = curl("/api/generate", "{\"model\": \"tiny\", \"prompt\": \"Hello\", \"stream\": false}");
        JsonNode reply = JSON.readTree(curl.out());
        assertTrue(reply.path("done").asBoolean(), curl.out());
        assertTrue(reply.path("response").isTextual(), curl.out());
        assertEquals(TOKENS, reply.path("eval_count").asInt(), curl.out());
    }

    @Test
    void curlLegacyEmbeddings() throws Exception {
        ExternalProcess curl = curl("/api/embeddings", "{\"model\": \"tiny\", \"prompt\": \"Hello\"}");
        JsonNode embedding = JSON.readTree(curl.out()).path("embedding");
        assertTrue(embedding.isArray() && !embedding.isEmpty(), curl.out());
        assertTrue(embedding.get(0).isNumber(), curl.out());
    }

    @Test
    void curlChatWithAFormatSchema() throws Exception {
        ExternalProcess curl = curl("/api/chat", """
                {"model": "tiny", "stream": false, "format": {"type": "object",
                  "properties": {"city": {"type": "string"}}, "required": ["city"]},
                  "messages": [{"role": "user", "content": "Where is the Eiffel tower? Answer in JSON."}]}""");
        JsonNode reply = JSON.readTree(curl.out());
        assertTrue(reply.path("done").asBoolean(), curl.out());
        String content = reply.path("message").path("content").asText();
        assertTrue(content.strip().startsWith("{"), "constrained to a JSON object: " + content);
        if (reply.path("done_reason").asText().equals("stop")) { // not cut by num_predict
            assertTrue(JSON.readTree(content).path("city").isTextual(), content);
        }
    }

    @Test
    void pythonRequestsWithAndWithoutStreaming() throws Exception {
        Assumptions.assumeTrue(ExternalProcess.works(List.of("python3", "-c", "import requests")),
                "python3 with the requests module is not installed");
        ExternalProcess python = ExternalProcess.run(List.of("python3", "-c", here("""
                import json, requests
                r = requests.post("http://localhost:11434/api/chat", json={"model": "tiny", "stream": False,
                    "messages": [{"role": "user", "content": "Hello"}]})
                print(r.json()["message"]["content"])
                with requests.post("http://localhost:11434/api/chat", json={"model": "tiny",
                        "messages": [{"role": "user", "content": "Hello"}]}, stream=True) as r:
                    for line in r.iter_lines():
                        print(json.loads(line)["message"]["content"], end="", flush=True)
                """)));
        assertEquals(0, python.exit(), python.err());
        // print() ends the single reply with a line break; the streamed pieces must make the same text
        String out = python.out();
        String whole = out.substring(0, (out.length() - 1) / 2);
        assertEquals(whole + "\n" + whole, out);
    }
}
