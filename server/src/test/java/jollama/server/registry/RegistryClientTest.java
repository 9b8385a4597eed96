package jollama.server.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import jollama.server.store.Digest;
import jollama.server.store.Layer;
import jollama.server.store.Manifest;
import jollama.server.store.MediaTypes;
import jollama.server.store.ModelName;
import jollama.server.store.ModelStore;
import jollama.server.store.StoredModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pulls from a local fake registry (§1.10, §5). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RegistryClientTest {

    private static final int MODEL_SIZE = 3 * 1024 * 1024 + 12345;

    @TempDir
    Path root;

    private FakeRegistry registry;
    private ModelStore store;
    private RegistryClient client;
    private ExecutorService background;

    private byte[] weights;
    private final byte[] template = "{{ if .System }}{{ .System }}{{ end }}{{ .Prompt }}".getBytes(StandardCharsets.UTF_8);
    private final byte[] params = "{\"temperature\":0.6,\"stop\":[\"<|im_end|>\"]}".getBytes(StandardCharsets.UTF_8);
    private final byte[] config = "{\"model_format\":\"gguf\",\"model_family\":\"qwen3\",\"file_type\":\"Q4_K_M\"}"
            .getBytes(StandardCharsets.UTF_8);
    private byte[] manifest;

    @BeforeEach
    void start() throws IOException {
        registry = new FakeRegistry();
        store = new ModelStore(root);
        client = new RegistryClient(RegistryOptions.defaults()
                .withPartSizes(256 * 1024, 1024 * 1024)
                .withRetries(6, Duration.ofMillis(10))
                .withStallTimeout(Duration.ofSeconds(5))
                .withProgressInterval(Duration.ofMillis(20))
                .withCheckpointInterval(Duration.ofMillis(50)));
        background = Executors.newCachedThreadPool();
        weights = new byte[MODEL_SIZE];
        new Random(42).nextBytes(weights);
        System.arraycopy("GGUF".getBytes(StandardCharsets.US_ASCII), 0, weights, 0, 4);
        for (byte[] blob : List.of(weights, template, params, config)) {
            registry.putBlob(Digest.of(blob), blob);
        }
        manifest = prettyManifest(template);
        registry.putManifest("library", "tiny", "latest", manifest);
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
        client.close();
        registry.close();
    }

    /** A manifest with extra whitespace, to prove the stored bytes are the registry's own. */
    private byte[] prettyManifest(byte[] templateBlob) {
        return ("{\n  \"schemaVersion\": 2,\n  \"mediaType\": \"application/vnd.docker.distribution.manifest.v2+json\",\n"
                + "  \"config\": " + layer(MediaTypes.CONFIG, config) + ",\n  \"layers\": [\n    "
                + layer(MediaTypes.MODEL, weights) + ",\n    " + layer(MediaTypes.TEMPLATE, templateBlob) + ",\n    "
                + layer(MediaTypes.PARAMS, params) + "\n  ]\n}\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String layer(String mediaType, byte[] blob) {
        return "{\"mediaType\": \"" + mediaType + "\", \"digest\": \"" + Digest.of(blob) + "\", \"size\": " + blob.length + "}";
    }

    private ModelName tiny() {
        return ModelName.parse(registry.host() + "/library/tiny:latest");
    }

    private List<PullProgress> pull(ModelName name) throws PullException {
        List<PullProgress> events = new CopyOnWriteArrayList<>();
        client.pull(name, store, PullOptions.insecure(true), events::add);
        return events;
    }

    /** The statuses with consecutive repeats folded, as a CLI would show them. */
    private static List<String> statuses(List<PullProgress> events) {
        List<String> result = new ArrayList<>();
        for (PullProgress p : events) {
            if (result.isEmpty() || !result.getLast().equals(p.status())) {
                result.add(p.status());
            }
        }
        return result;
    }

    private List<String> expectedStatuses() {
        return List.of("pulling manifest",
                "pulling " + Digest.of(weights).shortHex(),
                "pulling " + Digest.of(template).shortHex(),
                "pulling " + Digest.of(params).shortHex(),
                "pulling " + Digest.of(config).shortHex(),
                "verifying sha256 digest", "writing manifest", "success");
    }

    private void assertPulledIntact() throws IOException {
        for (byte[] blob : List.of(weights, template, params, config)) {
            assertArrayEquals(blob, Files.readAllBytes(store.blobPath(Digest.of(blob))));
        }
        StoredModel model = store.get(tiny());
        assertEquals(Digest.of(manifest), model.manifestDigest());
        try (var files = Files.list(store.blobsDir())) {
            assertEquals(4, files.count(), "no partial or temporary file is left");
        }
    }

    // ------------------------------------------------------------------ the normal path

    @Test
    void pullsAModelWithTheStatusSequenceOfTheSpec() throws IOException {
        List<PullProgress> events = pull(tiny());
        assertEquals(expectedStatuses(), statuses(events));

        for (byte[] blob : List.of(weights, template, params, config)) {
            Digest d = Digest.of(blob);
            List<PullProgress> layer = events.stream().filter(p -> d.toString().equals(p.digest())).toList();
            assertFalse(layer.isEmpty());
            long last = -1;
            for (PullProgress p : layer) {
                assertEquals("pulling " + d.shortHex(), p.status());
                assertEquals(blob.length, p.total());
                assertTrue(p.completed() >= last && p.completed() <= p.total(), p.toString());
                last = p.completed();
            }
            assertEquals(blob.length, layer.getLast().completed(), "a layer ends complete");
        }
        events.stream().filter(p -> !p.isLayer()).forEach(p -> {
            assertEquals(0, p.total());
            assertEquals(0, p.completed());
        });

        assertPulledIntact();
        Path manifestFile = root.resolve("manifests").resolve(registry.host()).resolve("library/tiny/latest");
        assertArrayEquals(manifest, Files.readAllBytes(manifestFile), "manifest stored byte for byte");
        assertEquals("application/vnd.docker.distribution.manifest.v2+json", registry.manifestAccept);
        assertTrue(registry.userAgent.startsWith("ollama/"), registry.userAgent);
        assertEquals(registry.host() + "/library/tiny:latest", store.list().getFirst().name().displayShortest());
    }

    @Test
    void partsComeInRangesFromTheRedirectedHostWithoutAuthorization() throws IOException {
        pull(tiny());
        List<String> cdn = registry.requests.stream().filter(r -> r.startsWith("GET /cdn/" + Digest.of(weights))).toList();
        // 3 MiB in parts of 256 KiB (total/16 clamped to the minimum): 13 ranged requests
        assertEquals(13, cdn.size(), String.join("\n", cdn));
        assertTrue(cdn.stream().allMatch(r -> r.contains(" bytes=") && r.contains("host=localhost:")
                && r.contains("auth=null")), String.join("\n", cdn));
        assertTrue(registry.requests.contains("HEAD /v2/library/tiny/blobs/" + Digest.of(weights)));
        assertTrue(registry.requests.contains("GET /redirect/" + Digest.of(weights)), "same-host redirect followed");
        assertEquals(MODEL_SIZE, registry.servedBytes(Digest.of(weights)));
    }

    @Test
    void aRegistryServingBlobsItselfWorksToo() throws IOException {
        registry.redirectBlobs = false;
        assertEquals(expectedStatuses(), statuses(pull(tiny())));
        assertPulledIntact();
    }

    @Test
    void aSecondPullFindsEveryBlobPresent() throws IOException {
        pull(tiny());
        registry.resetCounters();
        List<PullProgress> again = pull(tiny());
        assertEquals(expectedStatuses(), statuses(again));
        for (PullProgress p : again.stream().filter(PullProgress::isLayer).toList()) {
            assertEquals(p.total(), p.completed(), "completed=total at once");
        }
        assertEquals(4, again.stream().filter(PullProgress::isLayer).count(), "one line per layer");
        assertEquals(0, registry.servedBytes(Digest.of(weights)));
    }

    @Test
    void progressIsThrottledPerLayer() throws IOException {
        registry.pauseAfter(Digest.of(weights), MODEL_SIZE / 2);
        Future<?> opener = background.submit(() -> {
            registry.paused.await();
            Thread.sleep(300);
            registry.openGate();
            return null;
        });
        long start = System.nanoTime();
        List<PullProgress> events = pull(tiny());
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        long modelLines = events.stream().filter(p -> Digest.of(weights).toString().equals(p.digest())).count();
        // one line per 20 ms interval, plus the first and the last
        assertTrue(modelLines <= elapsedMillis / 20 + 3, modelLines + " lines in " + elapsedMillis + " ms");
        assertTrue(modelLines >= 5, "progress keeps coming while a layer downloads: " + modelLines);
        assertTrue(opener.isDone());
    }

    @Test
    void replacedLayersAreRemovedAfterTheManifestIsWritten() throws IOException {
        pull(tiny());
        byte[] newTemplate = "{{ .Prompt }} v2".getBytes(StandardCharsets.UTF_8);
        registry.putBlob(Digest.of(newTemplate), newTemplate);
        byte[] v2 = prettyManifest(newTemplate);
        registry.putManifest("library", "tiny", "latest", v2);

        List<String> statuses = statuses(pull(tiny()));
        assertEquals(List.of("verifying sha256 digest", "writing manifest", "removing unused layers", "success"),
                statuses.subList(statuses.size() - 4, statuses.size()));
        assertFalse(store.hasBlob(Digest.of(template)), "the old template is gone");
        assertTrue(store.hasBlob(Digest.of(newTemplate)));
        assertTrue(store.hasBlob(Digest.of(weights)));
        assertEquals(Digest.of(v2), store.get(tiny()).manifestDigest());
    }

    @Test
    void noPruneKeepsReplacedLayers() throws IOException {
        store = new ModelStore(root, true);
        pull(tiny());
        byte[] newTemplate = "{{ .Prompt }} v2".getBytes(StandardCharsets.UTF_8);
        registry.putBlob(Digest.of(newTemplate), newTemplate);
        registry.putManifest("library", "tiny", "latest", prettyManifest(newTemplate));
        assertFalse(statuses(pull(tiny())).contains("removing unused layers"));
        assertTrue(store.hasBlob(Digest.of(template)));
    }

    // ------------------------------------------------------------------ failures

    @Test
    void aMissingManifestFailsWithOllamasText() {
        List<PullProgress> events = new ArrayList<>();
        PullException e = assertThrows(PullException.class, () -> client.pull(
                ModelName.parse(registry.host() + "/library/missing"), store, PullOptions.insecure(true), events::add));
        assertEquals("pull model manifest: file does not exist", e.getMessage());
        assertEquals(List.of("pulling manifest"), statuses(events));
        assertFalse(Files.exists(root.resolve("manifests")) && !listFiles(root.resolve("manifests")).isEmpty());
    }

    @Test
    void aWrongDigestDeletesTheBlobAndWritesNoManifest() throws IOException {
        // an unrelated model already in the store must come through untouched
        byte[] other = "someone else's weights".getBytes(StandardCharsets.UTF_8);
        Digest otherDigest = store.writeBlob(other).digest();
        store.writeManifest(ModelName.parse("other:latest"),
                Manifest.of(null, List.of(new Layer(MediaTypes.MODEL, otherDigest, other.length))));

        byte[] corrupted = template.clone();
        corrupted[0] ^= 1;
        registry.putBlob(Digest.of(template), corrupted);

        PullException e = assertThrows(PullException.class, () -> pull(tiny()));
        assertEquals("digest mismatch, file must be downloaded again: want " + Digest.of(template) + ", got "
                + Digest.of(corrupted), e.getMessage());
        assertFalse(store.hasBlob(Digest.of(template)), "the bad blob is deleted");
        assertFalse(store.exists(tiny()), "no manifest");
        assertEquals(List.of("other:latest"), store.list().stream().map(m -> m.name().displayShortest()).toList());
        assertArrayEquals(other, store.readBlob(otherDigest));
        assertTrue(store.partialProgressFiles(Digest.of(template)).isEmpty());
    }

    @Test
    void droppedConnectionsAreRetriedAndResumedWithinThePart() throws IOException {
        registry.dropConnections(Digest.of(weights), 3, 40_000);
        assertEquals(expectedStatuses(), statuses(pull(tiny())));
        assertEquals(3, registry.droppedRequests.get());
        assertPulledIntact(); // the hash verified
        // a retry asks only for what the part still lacks, so little more than the blob crosses the wire
        assertTrue(registry.servedBytes(Digest.of(weights)) < MODEL_SIZE + 3 * 256 * 1024);
    }

    @Test
    void tooManyFailuresFailThePullAndKeepTheProgress() throws IOException {
        client.close();
        client = new RegistryClient(client.options().withRetries(2, Duration.ofMillis(5)));
        registry.dropConnections(Digest.of(weights), 1000, 10_000);
        PullException e = assertThrows(PullException.class, () -> pull(tiny()));
        assertTrue(e.getMessage().contains("max retries exceeded"), e.getMessage());
        assertFalse(store.exists(tiny()));
        assertFalse(store.partialProgressFiles(Digest.of(weights)).isEmpty(), "kept for a later resume");
    }

    @Test
    void aStalledPartIsRestartedWithoutUsingAnAttempt() throws IOException {
        client.close();
        // one attempt only: if the stall counted, the pull would fail
        client = new RegistryClient(client.options().withRetries(1, Duration.ofMillis(5))
                .withStallTimeout(Duration.ofMillis(300)));
        registry.hang(Digest.of(weights), 2);
        assertEquals(expectedStatuses(), statuses(pull(tiny())));
        assertPulledIntact();
    }

    @Test
    void plainHttpNeedsInsecure() {
        ModelName http = ModelName.parse("http://" + registry.host() + "/library/tiny");
        PullException e = assertThrows(PullException.class,
                () -> client.pull(http, store, PullOptions.insecure(false), p -> { }));
        assertEquals("insecure protocol http", e.getMessage());
    }

    @Test
    void anUnreachableRegistryGivesAClearMessage() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ModelName name = ModelName.parse("127.0.0.1:" + closedPort + "/library/tiny");
        PullException e = assertThrows(PullException.class,
                () -> client.pull(name, store, PullOptions.insecure(true), p -> { }));
        assertEquals("pull model manifest: Get \"http://127.0.0.1:" + closedPort
                + "/v2/library/tiny/manifests/latest\": connection refused", e.getMessage());
    }

    @Test
    void aBaseUrlOverrideReplacesTheNamesHost() throws IOException {
        client.close();
        client = new RegistryClient(client.options().withBaseUrl(registry.baseUrl()));
        registry.putManifest("library", "tiny", "latest", manifest);
        ModelName name = ModelName.parse("tiny"); // registry.ollama.ai/library/tiny:latest, fetched locally
        client.pull(name, store, p -> { });
        assertEquals("tiny:latest", store.get(name).name().displayShortest());
    }

    // ------------------------------------------------------------------ cancellation and resume

    @Test
    void aCancelledPullResumesFromItsPartialFiles() throws Exception {
        Digest model = Digest.of(weights);
        registry.pauseAfter(model, MODEL_SIZE / 2);
        CancelSignal cancel = new CancelSignal();
        Future<?> first = background.submit(() -> {
            client.pull(tiny(), store, new PullOptions(true, cancel), p -> { });
            return null;
        });
        assertTrue(registry.paused.await(10, TimeUnit.SECONDS));
        Thread.sleep(300); // let the client take in what is in flight and save it
        cancel.cancel();
        ExecutionException e = assertThrows(ExecutionException.class, () -> first.get(10, TimeUnit.SECONDS));
        assertInstanceOf(PullCancelledException.class, e.getCause());
        assertFalse(store.exists(tiny()));

        long saved = awaitSavedProgress(model);
        assertTrue(saved > 0 && saved < MODEL_SIZE, "saved " + saved);
        assertTrue(Files.exists(store.partialFile(model)));

        registry.openGate();
        registry.resetCounters();
        assertEquals(expectedStatuses(), statuses(pull(tiny())));
        assertPulledIntact();
        long second = registry.servedBytes(model);
        assertEquals(MODEL_SIZE - saved, second, "the second pull fetches only what was missing");
    }

    @Test
    void interruptingThePullingThreadCancels() throws Exception {
        registry.pauseAfter(Digest.of(weights), 100_000);
        Thread[] puller = new Thread[1];
        Future<?> pull = background.submit(() -> {
            puller[0] = Thread.currentThread();
            client.pull(tiny(), store, PullOptions.insecure(true), p -> { });
            return null;
        });
        assertTrue(registry.paused.await(10, TimeUnit.SECONDS));
        puller[0].interrupt();
        ExecutionException e = assertThrows(ExecutionException.class, () -> pull.get(10, TimeUnit.SECONDS));
        assertInstanceOf(PullCancelledException.class, e.getCause());
    }

    @Test
    void concurrentPullsShareOneDownload() throws Exception {
        Digest model = Digest.of(weights);
        registry.pauseAfter(model, MODEL_SIZE / 3);
        List<PullProgress> second = new CopyOnWriteArrayList<>();
        Future<?> a = background.submit(() -> pull(tiny()));
        assertTrue(registry.paused.await(10, TimeUnit.SECONDS));
        Future<?> b = background.submit(() -> {
            client.pull(tiny(), store, PullOptions.insecure(true), second::add);
            return null;
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (second.stream().noneMatch(p -> model.toString().equals(p.digest())) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        registry.openGate();
        a.get(10, TimeUnit.SECONDS);
        b.get(10, TimeUnit.SECONDS);
        assertEquals(MODEL_SIZE, registry.servedBytes(model), "the blob crossed the wire once");
        assertEquals("success", second.getLast().status());
        assertPulledIntact();
    }

    /** Sum of Completed over the part files, once the cancelled download has let go of them. */
    private long awaitSavedProgress(Digest digest) throws Exception {
        ObjectMapper json = new ObjectMapper();
        long previous = -1;
        for (int i = 0; i < 100; i++) {
            long sum = 0;
            for (Path part : store.partialProgressFiles(digest)) {
                sum += json.readTree(Files.readAllBytes(part)).path("Completed").asLong();
            }
            if (sum == previous && sum > 0) {
                return sum;
            }
            previous = sum;
            Thread.sleep(100);
        }
        return previous;
    }

    private static List<Path> listFiles(Path dir) {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
