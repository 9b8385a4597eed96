package jollama.server.http.manage;

import com.fasterxml.jackson.databind.JsonNode;
import jollama.models.testmodel.TestModelConfig;
import jollama.models.testmodel.TestModelFiles;
import jollama.server.registry.LocalRegistry;
import jollama.server.store.Digest;
import jollama.server.store.Layer;
import jollama.server.store.Manifest;
import jollama.server.store.MediaTypes;
import jollama.server.store.ModelName;
import jollama.server.store.ModelStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * POST /api/create (§1.12) over HTTP: from an uploaded GGUF blob (with and without quantizing,
 * then generating with the result), from an existing model with Modelfile layers (then
 * /api/show), the status sequences and the error texts. One server and one upload for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CreateEndpointTest {

    private Path root;
    private LocalRegistry registry;
    private ManageHarness h;
    private Path f32;
    private Digest weights;

    @BeforeAll
    void start() throws IOException {
        root = Files.createTempDirectory("jollama-create-test");
        registry = new LocalRegistry(); // empty: FROM an unknown model pulls and gets a 404
        h = new ManageHarness(root, registry.baseUrl());
        f32 = TestModelFiles.get(TestModelConfig.TINY, "f32");
        weights = ModelStore.hashFile(f32);
        ManageHarness.Reply upload = h.postFile("/api/blobs/" + weights, f32);
        assertEquals(201, upload.status(), upload.body());
        ManageHarness.Reply created = h.post("/api/create",
                "{\"model\":\"tiny-f32\",\"files\":{\"model.gguf\":\"" + weights + "\"}}");
        assertEquals(200, created.status(), created.body());
        assertEquals("application/x-ndjson", created.contentType());
        assertEquals(List.of("parsing GGUF", "using existing layer " + weights, "writing manifest", "success"),
                created.statuses());
    }

    @AfterAll
    void stop() throws IOException {
        h.close();
        registry.close();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private Manifest manifest(String name) throws IOException {
        return h.store.get(ModelName.parse(name)).manifest();
    }

    private JsonNode config(String name) throws IOException {
        return ManageHarness.JSON.readTree(h.store.readBlob(manifest(name).config().digest()));
    }

    private String blobText(Layer layer) throws IOException {
        return h.store.readText(layer);
    }

    private void generates(String model) {
        ManageHarness.Reply r = h.post("/api/generate",
                "{\"model\":\"" + model + "\",\"prompt\":\"Hello\",\"stream\":false,\"options\":{\"num_predict\":3}}");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().path("done").asBoolean(), r.body());
    }

    @Test
    void fromAnUploadedBlob() throws IOException {
        Manifest m = manifest("tiny-f32");
        assertEquals(List.of(new Layer(MediaTypes.MODEL, weights, Files.size(f32))), m.layers());
        assertEquals(MediaTypes.CONFIG, m.config().mediaType());
        JsonNode config = config("tiny-f32");
        assertEquals("gguf", config.path("model_format").asText());
        assertEquals("qwen3", config.path("model_family").asText());
        assertEquals("[\"qwen3\"]", config.path("model_families").toString());
        assertEquals("F32", config.path("file_type").asText());
        assertTrue(config.path("model_type").asText().endsWith("M"), config.toString());
        assertEquals("linux", config.path("os").asText());
        assertEquals("amd64", config.path("architecture").asText());

        JsonNode tags = h.get("/api/tags").json();
        boolean listed = false;
        for (JsonNode model : tags.path("models")) {
            if (model.path("name").asText().equals("tiny-f32:latest")) {
                listed = true;
                assertEquals("F32", model.path("details").path("quantization_level").asText());
            }
        }
        assertTrue(listed, tags.toString());
        generates("tiny-f32");
    }

    @Test
    void quantizingWhileCreating() throws IOException {
        ManageHarness.Reply r = h.post("/api/create",
                "{\"model\":\"tiny-q8\",\"files\":{\"model.gguf\":\"" + weights + "\"},\"quantize\":\"q8_0\"}");
        assertEquals(200, r.status(), r.body());
        Digest quantized = manifest("tiny-q8").layer(MediaTypes.MODEL).orElseThrow().digest();
        assertNotEquals(weights, quantized);
        assertEquals(List.of("parsing GGUF", "quantizing F32 model to Q8_0", "verifying conversion",
                "creating new layer " + quantized, "writing manifest", "success"), folded(r.statuses()));
        List<JsonNode> progress = r.lines().stream()
                .filter(l -> l.path("status").asText().startsWith("quantizing")).toList();
        JsonNode last = progress.getLast();
        assertEquals("0000000000000000000", last.path("digest").asText());
        assertEquals(Files.size(f32), last.path("total").asLong());
        assertEquals(Files.size(f32), last.path("completed").asLong());
        assertEquals("Q8_0", config("tiny-q8").path("file_type").asText());
        try (Stream<Path> blobs = Files.list(root.resolve("blobs"))) {
            assertTrue(blobs.allMatch(p -> Digest.fromFileName(p.getFileName().toString()).isPresent()),
                    "no temporary file left in blobs/");
        }
        generates("tiny-q8");

        // quantizing what is already quantized is refused, as Ollama refuses it
        ManageHarness.Reply again = h.post("/api/create",
                "{\"model\":\"tiny-q4\",\"from\":\"tiny-q8\",\"quantize\":\"q4_K_M\",\"stream\":false}");
        assertEquals(500, again.status());
        assertEquals("quantization is only supported for F16 and F32 models", again.error());
    }

    @Test
    void anUnknownQuantizationTypeIsNamed() {
        ManageHarness.Reply r = h.post("/api/create", "{\"model\":\"x\",\"files\":{\"model.gguf\":\"" + weights
                + "\"},\"quantization\":\"q3_k_xl\",\"stream\":false}");
        assertEquals(500, r.status());
        assertTrue(r.error().startsWith("unsupported quantization type Q3_K_XL - supported types are F32, F16,"),
                r.error());
    }

    @Test
    void fromAModelWithModelfileLayers() throws IOException {
        String body = """
                {"model":"derived","from":"tiny-f32","system":"You are terse.","template":"{{ .Prompt }}",
                 "license":"MIT","parameters":{"temperature":0.5,"stop":["<|im_end|>"],"num_predict":5},
                 "messages":[{"role":"User","content":"Hi"},{"role":"assistant","content":"Hello!"}]}""";
        ManageHarness.Reply r = h.post("/api/create", body);
        assertEquals(200, r.status(), r.body());
        Manifest m = manifest("derived");
        List<String> expected = new ArrayList<>();
        for (Layer layer : m.layers()) {
            expected.add((layer.digest().equals(weights) ? "using existing layer " : "creating new layer ") + layer.digest());
        }
        expected.add("writing manifest");
        expected.add("success");
        assertEquals(expected, r.statuses());
        assertEquals(List.of(MediaTypes.MODEL, MediaTypes.TEMPLATE, MediaTypes.SYSTEM, MediaTypes.LICENSE,
                MediaTypes.PARAMS, MediaTypes.MESSAGES), m.layers().stream().map(Layer::mediaType).toList());
        assertEquals("tiny-f32:latest", m.layers().getFirst().from());
        // the blobs as Ollama's Go encoder writes them, so the digests match Ollama's
        assertEquals("{\"num_predict\":5,\"stop\":[\"\\u003c|im_end|\\u003e\"],\"temperature\":0.5}\n",
                blobText(m.layer(MediaTypes.PARAMS).orElseThrow()));
        assertEquals("[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":\"Hello!\"}]\n",
                blobText(m.layer(MediaTypes.MESSAGES).orElseThrow()));

        JsonNode show = h.post("/api/show", "{\"model\":\"derived\"}").json();
        assertEquals("You are terse.", show.path("system").asText());
        assertEquals("{{ .Prompt }}", show.path("template").asText());
        assertEquals("MIT", show.path("license").asText());
        assertEquals("tiny-f32:latest", show.path("details").path("parent_model").asText());
        assertEquals("user", show.path("messages").get(0).path("role").asText());
        assertTrue(show.path("parameters").asText().contains("temperature                    0.5"), show.toString());
        assertTrue(show.path("modelfile").asText().contains("SYSTEM You are terse."), show.toString());

        // from the derived model: new params merge over the old ones, the other layers are reused
        ManageHarness.Reply r2 = h.post("/api/create",
                "{\"model\":\"derived2\",\"from\":\"derived\",\"parameters\":{\"temperature\":0.1}}");
        assertEquals(200, r2.status(), r2.body());
        Manifest m2 = manifest("derived2");
        Digest params2 = m2.layer(MediaTypes.PARAMS).orElseThrow().digest();
        List<String> expected2 = new ArrayList<>();
        for (Layer layer : m2.layers()) {
            expected2.add((layer.digest().equals(params2) ? "creating new layer " : "using existing layer ") + layer.digest());
        }
        expected2.add("writing manifest");
        expected2.add("success");
        assertEquals(expected2, r2.statuses());
        assertEquals("{\"num_predict\":5,\"stop\":[\"\\u003c|im_end|\\u003e\"],\"temperature\":0.1}\n",
                blobText(m2.layer(MediaTypes.PARAMS).orElseThrow()));
        JsonNode show2 = h.post("/api/show", "{\"model\":\"derived2\"}").json();
        assertEquals("You are terse.", show2.path("system").asText());
        assertEquals("derived:latest", show2.path("details").path("parent_model").asText());
    }

    @Test
    void replacingAModelPrunesTheBlobsOnlyItUsed() throws IOException {
        assertEquals(200, h.post("/api/create",
                "{\"model\":\"sys\",\"from\":\"tiny-f32\",\"system\":\"first system\",\"stream\":false}").status());
        Digest first = manifest("sys").layer(MediaTypes.SYSTEM).orElseThrow().digest();
        ManageHarness.Reply r = h.post("/api/create",
                "{\"model\":\"sys\",\"from\":\"tiny-f32\",\"system\":\"second system\",\"stream\":false}");
        assertEquals(200, r.status());
        assertEquals("{\"status\":\"success\"}", r.body());
        assertEquals("second system", blobText(manifest("sys").layer(MediaTypes.SYSTEM).orElseThrow()));
        assertFalse(h.store.hasBlob(first), "the replaced system layer is pruned");
        assertTrue(h.store.hasBlob(weights), "the shared weights stay");
    }

    @Test
    void requestErrorsComeBeforeTheStream() {
        assertError(400, "neither 'from' or 'files' was specified", "{\"model\":\"x\"}");
        assertError(400, "invalid model name", "{\"from\":\"tiny-f32\"}");
        assertError(400, "invalid model name", "{\"model\":\"bad name!\",\"from\":\"tiny-f32\"}");
        assertError(400, "invalid model name", "{\"model\":\"x\",\"from\":\"bad name!\"}");
        assertError(400, "file path must be relative", "{\"model\":\"x\",\"files\":{\"../m.gguf\":\"" + weights + "\"}}");
        assertError(400, "file path must be relative", "{\"model\":\"x\",\"files\":{\"/m.gguf\":\"" + weights + "\"}}");
        assertError(400, "invalid digest format", "{\"model\":\"x\",\"files\":{\"m.gguf\":\"\"}}");
        assertError(400, "no files provided to convert", "{\"model\":\"x\",\"files\":{}}");
        assertError(400, ModelCreator.ADAPTERS_UNSUPPORTED,
                "{\"model\":\"x\",\"from\":\"tiny-f32\",\"adapters\":{\"a.gguf\":\"" + weights + "\"}}");
        assertError(400, "license must be a string or an array of strings",
                "{\"model\":\"x\",\"from\":\"tiny-f32\",\"license\":5}");
        assertError(400, "missing request body", "");
    }

    @Test
    void failuresInsideTheOperation() {
        Digest missing = Digest.of("never uploaded".getBytes(StandardCharsets.UTF_8));
        ManageHarness.Reply r = h.post("/api/create",
                "{\"model\":\"x\",\"files\":{\"m.gguf\":\"" + missing + "\"},\"stream\":false}");
        assertEquals(400, r.status());
        assertTrue(r.error().startsWith("blob not found for m.gguf"), r.error());

        byte[] text = "not a model at all".getBytes(StandardCharsets.UTF_8);
        assertEquals(201, h.post("/api/blobs/" + Digest.of(text), text).status());
        String notGguf = "{\"model\":\"x\",\"files\":{\"m.gguf\":\"" + Digest.of(text) + "\"}";
        ManageHarness.Reply streamed = h.post("/api/create", notGguf + "}");
        assertEquals(200, streamed.status());
        assertEquals(List.of("parsing GGUF", "error: " + ModelCreator.NOT_GGUF), streamed.statuses());
        ManageHarness.Reply single = h.post("/api/create", notGguf + ",\"stream\":false}");
        assertEquals(400, single.status());
        assertEquals(ModelCreator.NOT_GGUF, single.error());

        ManageHarness.Reply template = h.post("/api/create",
                "{\"model\":\"x\",\"from\":\"tiny-f32\",\"template\":\"{{ .Prompt \",\"stream\":false}");
        assertEquals(400, template.status());
        assertTrue(template.error().startsWith("template error: "), template.error());

        // an unknown base is pulled first, as Ollama does; the registry does not have it either
        ManageHarness.Reply unknown = h.post("/api/create", "{\"model\":\"x\",\"from\":\"nope\"}");
        assertEquals(List.of("pulling manifest", "error: pull model manifest: file does not exist"), unknown.statuses());
        assertFalse(h.post("/api/show", "{\"model\":\"x\"}").status() == 200, "nothing was written");
    }

    private void assertError(int status, String message, String body) {
        ManageHarness.Reply r = h.post("/api/create", body);
        assertEquals(status, r.status(), body + " -> " + r.body());
        assertEquals(message, r.error(), body);
    }

    /** Consecutive repeats of a status folded into one, as a CLI shows them. */
    private static List<String> folded(List<String> statuses) {
        List<String> out = new ArrayList<>();
        for (String s : statuses) {
            if (out.isEmpty() || !out.getLast().equals(s)) {
                out.add(s);
            }
        }
        return out;
    }
}
