package jollama.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import jollama.server.http.sched.ServerBusyException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading, keep-alive, eviction, queueing, cancellation and concurrency, through the HTTP API. */
class SchedulingTest {

    private static final String LONG_STREAM = "{\"model\":\"tiny\",\"prompt\":\"Tell me a long story\","
            + "\"options\":{\"num_predict\":2000,\"temperature\":0}}";

    private static List<String> loadedNames(ServerHarness h) {
        List<String> names = new ArrayList<>();
        for (JsonNode m : h.get("/api/ps").json().path("models")) {
            names.add(m.path("name").asText());
        }
        return names;
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void psShowsLoadedModelsUntilTheirKeepAliveEnds() throws Exception {
        try (ServerHarness h = new ServerHarness()) {
            assertEquals("{\"models\":[]}", h.get("/api/ps").body());
            h.post("/api/generate", "{\"model\":\"tiny\",\"keep_alive\":\"1s\"}");
            JsonNode ps = h.get("/api/ps").json().path("models");
            assertEquals(1, ps.size());
            JsonNode m = ps.get(0);
            assertEquals("tiny:latest", m.path("name").asText());
            assertEquals("tiny:latest", m.path("model").asText());
            assertTrue(m.path("size").asLong() > 0);
            assertEquals(4096, m.path("context_length").asInt());
            assertEquals("qwen3", m.path("details").path("family").asText());
            OffsetDateTime expires = OffsetDateTime.parse(m.path("expires_at").asText());
            assertTrue(expires.isAfter(OffsetDateTime.now()) && expires.isBefore(OffsetDateTime.now().plusSeconds(5)));

            awaitTrue(() -> loadedNames(h).isEmpty(), Duration.ofSeconds(10));

            // a negative keep_alive is forever: ~292 years ahead
            h.post("/api/generate", "{\"model\":\"tiny\",\"keep_alive\":-1}");
            String forever = h.get("/api/ps").json().path("models").get(0).path("expires_at").asText();
            assertTrue(OffsetDateTime.parse(forever).getYear() > 2200, forever);
        }
    }

    @Test
    void keepAliveZeroOnARealRequestUnloadsWhenDone() {
        try (ServerHarness h = new ServerHarness()) {
            ServerHarness.Reply r = h.post("/api/generate",
                    "{\"model\":\"tiny\",\"prompt\":\"hi\",\"keep_alive\":0,\"stream\":false,\"options\":{\"num_predict\":2}}");
            assertEquals(200, r.status());
            assertTrue(loadedNames(h).isEmpty());
            assertEquals(1, h.loads.get());
        }
    }

    @Test
    void leastRecentlyUsedIdleModelIsEvicted() {
        try (ServerHarness h = new ServerHarness(ServerConfig.fromEnvironment(Map.of("OLLAMA_MAX_LOADED_MODELS", "1")))) {
            h.post("/api/generate", "{\"model\":\"tiny\"}");
            h.post("/api/embed", "{\"model\":\"tiny-embed\"}");
            assertEquals(List.of("tiny-embed:latest"), loadedNames(h));
            assertEquals(2, h.loads.get());
        }
    }

    @Test
    void changingNumCtxReloads() {
        try (ServerHarness h = new ServerHarness()) {
            h.post("/api/generate", "{\"model\":\"tiny\",\"options\":{\"num_ctx\":256}}");
            h.post("/api/generate", "{\"model\":\"tiny\",\"options\":{\"num_ctx\":256}}");
            assertEquals(1, h.loads.get());
            h.post("/api/generate", "{\"model\":\"tiny\",\"options\":{\"num_ctx\":512}}");
            assertEquals(2, h.loads.get());
            assertEquals(512, h.get("/api/ps").json().path("models").get(0).path("context_length").asInt());
        }
    }

    @Test
    void aClientThatGoesAwayFreesItsSequenceAtOnce() throws Exception {
        try (ServerHarness h = new ServerHarness()) { // one sequence (OLLAMA_NUM_PARALLEL 1)
            try (StreamingExchange stream = h.openStream("/api/generate", LONG_STREAM)) {
                for (int i = 0; i < 3; i++) {
                    assertNotNull(stream.nextJsonLine());
                }
            }
            long start = System.nanoTime();
            ServerHarness.Reply next = h.post("/api/generate",
                    "{\"model\":\"tiny\",\"prompt\":\"hi\",\"stream\":false,\"options\":{\"num_predict\":3}}");
            assertEquals(200, next.status());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 5_000, "the next request waited " + millis + " ms");
        }
    }

    @Test
    void aFailureAfterTheStreamBeganEndsItWithAnErrorLine() throws Exception {
        try (ServerHarness h = new ServerHarness();
             StreamingExchange stream = h.openStream("/api/generate", LONG_STREAM)) {
            assertNotNull(stream.nextJsonLine());
            h.server.scheduler().close(); // the model goes away under the running generation
            String line;
            String last = null;
            while ((line = stream.nextJsonLine()) != null) {
                last = line;
            }
            assertNotNull(last);
            JsonNode end = ServerHarness.JSON.readTree(last);
            assertTrue(end.has("error"), last);
            assertFalse(end.has("done"));
        }
    }

    @Test
    void aFullQueueAnswers503() throws Exception {
        Map<String, String> env = Map.of("OLLAMA_MAX_QUEUE", "1");
        try (ServerHarness h = new ServerHarness(ServerConfig.fromEnvironment(env))) {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            StreamingExchange running = h.openStream("/api/generate", LONG_STREAM);
            try {
                assertNotNull(running.nextJsonLine()); // it has the only sequence
                Future<ServerHarness.Reply> waiting = pool.submit(() -> h.post("/api/generate",
                        "{\"model\":\"tiny\",\"prompt\":\"hi\",\"stream\":false,\"options\":{\"num_predict\":2}}"));
                awaitTrue(() -> h.server.scheduler().pending() == 1, Duration.ofSeconds(10));

                ServerHarness.Reply busy = h.post("/api/generate", "{\"model\":\"tiny\",\"prompt\":\"x\"}");
                assertEquals(503, busy.status());
                assertEquals(ServerBusyException.MESSAGE, busy.error());
                assertEquals("server busy, please try again.  maximum pending requests exceeded", busy.error());

                running.close(); // the waiting request gets the sequence
                assertEquals(200, waiting.get(30, TimeUnit.SECONDS).status());
            } finally {
                running.close();
                pool.shutdownNow();
            }
        }
    }

    @Test
    void eightConcurrentStreamsEachMatchTheSingleClientReply() throws Exception {
        Map<String, String> env = Map.of("OLLAMA_NUM_PARALLEL", "4");
        String body = "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"Name a colour\"}],"
                + "\"options\":{\"num_predict\":8,\"temperature\":0}}";
        try (ServerHarness h = new ServerHarness(ServerConfig.fromEnvironment(env))) {
            String expected = text(h.post("/api/chat", body));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<CompletableFuture<ServerHarness.Reply>> replies = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    replies.add(CompletableFuture.supplyAsync(() -> h.post("/api/chat", body), pool));
                }
                for (CompletableFuture<ServerHarness.Reply> f : replies) {
                    ServerHarness.Reply r = f.get(60, TimeUnit.SECONDS);
                    assertEquals(200, r.status(), r.body());
                    List<JsonNode> lines = r.lines();
                    assertTrue(lines.getLast().path("done").asBoolean());
                    for (JsonNode line : lines.subList(0, lines.size() - 1)) {
                        assertFalse(line.path("done").asBoolean());
                    }
                    assertEquals(expected, text(r));
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(1, h.loads.get());
            assertEquals(0, h.server.scheduler().pending());
        }
    }

    private static String text(ServerHarness.Reply r) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode line : r.lines()) {
            sb.append(line.path("message").path("content").asText());
        }
        return sb.toString();
    }
}
