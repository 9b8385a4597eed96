package jollama.server.http.manage;

import com.fasterxml.jackson.databind.JsonNode;
import jollama.models.testmodel.TestModelConfig;
import jollama.models.testmodel.TestModelFiles;
import jollama.server.registry.LocalRegistry;
import jollama.server.store.Digest;
import jollama.server.store.MediaTypes;
import jollama.server.store.ModelName;
import jollama.server.http.StreamingExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /api/pull (§1.10) from a local registry, and create's automatic pull of a missing base. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PullEndpointTest {

    private static final int WEIGHTS_SIZE = 3 * 1024 * 1024 + 777;

    @TempDir
    Path root;

    private LocalRegistry registry;
    private ManageHarness h;
    private byte[] weights;
    private byte[] manifest;

    @BeforeEach
    void start() throws IOException {
        registry = new LocalRegistry();
        h = new ManageHarness(root, registry.baseUrl());
        weights = new byte[WEIGHTS_SIZE];
        new Random(7).nextBytes(weights);
        Map<String, byte[]> layers = new LinkedHashMap<>();
        layers.put(MediaTypes.MODEL, weights);
        layers.put(MediaTypes.TEMPLATE, "{{ .Prompt }}".getBytes(StandardCharsets.UTF_8));
        manifest = registry.putModel("library", "tiny", "latest",
                "{\"model_format\":\"gguf\",\"model_family\":\"qwen3\"}".getBytes(StandardCharsets.UTF_8), layers);
    }

    @AfterEach
    void stop() {
        h.close();
        registry.close();
    }

    @Test
    void streamedProgressInOllamasOrder() throws IOException {
        ManageHarness.Reply r = h.post("/api/pull", "{\"model\":\"tiny\"}");
        assertEquals(200, r.status(), r.body());
        assertEquals("application/x-ndjson", r.contentType());
        List<JsonNode> lines = r.lines();
        assertEquals("{\"status\":\"pulling manifest\"}", lines.getFirst().toString());
        Digest model = Digest.of(weights);
        List<JsonNode> modelLines = lines.stream()
                .filter(l -> l.path("status").asText().equals("pulling " + model.shortHex())).toList();
        assertFalse(modelLines.isEmpty(), r.body());
        for (JsonNode line : modelLines) {
            assertEquals(model.toString(), line.path("digest").asText());
            assertEquals(WEIGHTS_SIZE, line.path("total").asLong());
            if (line.has("completed")) {
                assertTrue(line.get("completed").asLong() > 0, "zero is left out: " + line);
            }
        }
        assertEquals(WEIGHTS_SIZE, modelLines.getLast().path("completed").asLong());
        assertEquals(List.of("verifying sha256 digest", "writing manifest", "success"),
                statuses(lines).subList(statuses(lines).size() - 3, statuses(lines).size()));
        for (JsonNode line : lines) {
            if (!line.has("digest")) {
                assertEquals(1, line.size(), "plain statuses carry only the status: " + line);
            }
        }
        assertArrayEquals(manifest, h.store.readManifestBytes(ModelName.parse("tiny")));
        assertTrue(h.store.hasBlob(model));

        // a second pull finds every blob and reports each one complete at once
        ManageHarness.Reply again = h.post("/api/pull", "{\"name\":\"tiny\"}");
        JsonNode first = again.lines().stream()
                .filter(l -> l.path("status").asText().equals("pulling " + model.shortHex())).findFirst().orElseThrow();
        assertEquals(WEIGHTS_SIZE, first.path("completed").asLong());
    }

    @Test
    void unstreamedAnswersOnlySuccess() {
        ManageHarness.Reply r = h.post("/api/pull", "{\"model\":\"tiny\",\"stream\":false}");
        assertEquals(200, r.status());
        assertTrue(r.contentType().startsWith("application/json"), r.contentType());
        assertEquals("{\"status\":\"success\"}", r.body());
    }

    @Test
    void errors() {
        ManageHarness.Reply missing = h.post("/api/pull", "{\"model\":\"nope\",\"stream\":false}");
        assertEquals(500, missing.status());
        assertEquals("pull model manifest: file does not exist", missing.error());

        ManageHarness.Reply streamed = h.post("/api/pull", "{\"model\":\"nope\"}");
        assertEquals(200, streamed.status());
        assertEquals(List.of("pulling manifest", "error: pull model manifest: file does not exist"), streamed.statuses());

        ManageHarness.Reply invalid = h.post("/api/pull", "{\"model\":\"bad name!\"}");
        assertEquals(400, invalid.status());
        assertEquals("invalid model name", invalid.error());
        assertEquals("invalid model name", h.post("/api/pull", "{}").error());
    }

    @Test
    void aClientThatLeavesCancelsThePullAndTheNextOneResumes() throws Exception {
        Digest model = Digest.of(weights);
        registry.pauseAfter(model, 512 * 1024);
        try (StreamingExchange exchange = h.openStream("/api/pull", "{\"model\":\"tiny\"}")) {
            String line;
            do {
                line = exchange.nextJsonLine();
                assertNotNull(line, "the stream ended early");
            } while (!line.contains("pulling " + model.shortHex()));
            assertTrue(registry.awaitPaused(10), "the transfer reached the gate");
        } // reset: the server's next progress write fails and cancels the pull
        Thread.sleep(500);
        registry.openGate();
        Thread.sleep(700);
        assertFalse(h.store.exists(ModelName.parse("tiny")), "the cancelled pull wrote no manifest");
        assertTrue(Files.exists(h.store.partialFile(model)), "the partial download stays for a resume");

        ManageHarness.Reply r = h.post("/api/pull", "{\"model\":\"tiny\",\"stream\":false}");
        assertEquals("{\"status\":\"success\"}", r.body());
        assertArrayEquals(weights, Files.readAllBytes(h.store.blobPath(model)));
    }

    @Test
    void createPullsAMissingBase() throws IOException {
        byte[] gguf = Files.readAllBytes(TestModelFiles.get(TestModelConfig.TINY, "q4_k_m"));
        registry.putModel("library", "real", "latest", "{}".getBytes(StandardCharsets.UTF_8),
                Map.of(MediaTypes.MODEL, gguf));
        ManageHarness.Reply r = h.post("/api/create",
                "{\"model\":\"mine\",\"from\":\"real\",\"system\":\"Be brief.\"}");
        assertEquals(200, r.status(), r.body());
        List<String> statuses = folded(r.statuses());
        assertEquals("pulling manifest", statuses.getFirst());
        Digest model = Digest.of(gguf);
        Digest system = Digest.of("Be brief.".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("verifying sha256 digest", "writing manifest", "success",
                        "using existing layer " + model, "creating new layer " + system, "writing manifest", "success"),
                statuses.subList(statuses.indexOf("verifying sha256 digest"), statuses.size()));
        assertTrue(h.store.exists(ModelName.parse("real")));
        JsonNode show = h.post("/api/show", "{\"model\":\"mine\"}").json();
        assertEquals("Be brief.", show.path("system").asText());
        assertEquals("real:latest", show.path("details").path("parent_model").asText());
    }

    private static List<String> statuses(List<JsonNode> lines) {
        List<String> out = new ArrayList<>();
        for (JsonNode l : lines) {
            out.add(l.path("status").asText());
        }
        return out;
    }

    private static List<String> folded(List<String> statuses) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = statuses.iterator(); it.hasNext(); ) {
            String s = it.next();
            if (out.isEmpty() || !out.getLast().equals(s)) {
                out.add(s);
            }
        }
        return out;
    }
}
