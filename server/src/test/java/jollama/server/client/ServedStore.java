package jollama.server.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import jollama.models.testmodel.TestModelConfig;
import jollama.models.testmodel.TestModelFiles;
import jollama.server.http.HostPort;
import jollama.server.http.JollamaServer;
import jollama.server.http.ServerConfig;
import jollama.server.http.catalog.GgufDetails;
import jollama.server.http.catalog.ModelDetails;
import jollama.server.http.catalog.StoreCatalog;
import jollama.server.http.manage.Management;
import jollama.server.registry.LocalRegistry;
import jollama.server.registry.RegistryClient;
import jollama.server.registry.RegistryOptions;
import jollama.server.store.Layer;
import jollama.server.store.Manifest;
import jollama.server.store.MediaTypes;
import jollama.server.store.ModelName;
import jollama.server.store.ModelStore;
import jollama.server.store.WrittenBlob;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real jollama server on a free port over an Ollama store in a folder, with the management
 * routes on and a local registry that its pulls go to (for names on the default host), for the
 * tests of clients: this project's CLI, and third-party ones (LangChain4j, curl, Python).
 * <ul>
 *   <li>{@link #addModel} puts one of the tiny test models in the store, as a pull would have;</li>
 *   <li>{@link #publish} puts one in the registry, for {@code pull} and {@code run} to fetch.</li>
 * </ul>
 */
public final class ServedStore implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    public final ModelStore store;
    public final LocalRegistry registry;
    private final RegistryClient registryClient;
    public final JollamaServer server;

    public ServedStore(Path root) throws IOException {
        this.store = new ModelStore(root);
        this.registry = new LocalRegistry();
        this.registryClient = new RegistryClient(RegistryOptions.defaults()
                .withBaseUrl(registry.baseUrl())
                .withRetries(2, Duration.ofMillis(10))
                .withProgressInterval(Duration.ofMillis(20)));
        this.server = JollamaServer.start(ServerConfig.fromEnvironment(Map.of()).withBind(new HostPort("127.0.0.1", 0)),
                new StoreCatalog(store), "0.0.1-test", new Management(store, registryClient));
    }

    /** The tiny chat model (Qwen3 tokenizer and template, random weights). */
    public static Path chatModel() {
        return TestModelFiles.get(TestModelConfig.TINY, "q4_k_m");
    }

    /** The tiny embedding model. */
    public static Path embedModel() {
        return TestModelFiles.get(TestModelConfig.TINY_EMBED, "q8_0");
    }

    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String base() {
        return "http://127.0.0.1:" + port();
    }

    /** The environment a client process sees: {@code OLLAMA_HOST} pointing here. */
    public Map<String, String> env() {
        return Map.of("OLLAMA_HOST", "127.0.0.1:" + port());
    }

    /**
     * Stores {@code gguf} under {@code name} with an optional SYSTEM and PARAMETERs, the way a
     * pull or a create leaves a model: weights and text layers as blobs, a config blob, a manifest.
     */
    public void addModel(String name, Path gguf, String system, Map<String, Object> params) throws IOException {
        List<Layer> layers = new ArrayList<>();
        WrittenBlob weights = store.importFile(gguf);
        layers.add(new Layer(MediaTypes.MODEL, weights.digest(), weights.size()));
        if (system != null) {
            WrittenBlob s = store.writeBlob(system.getBytes(StandardCharsets.UTF_8));
            layers.add(new Layer(MediaTypes.SYSTEM, s.digest(), s.size()));
        }
        if (params != null && !params.isEmpty()) {
            WrittenBlob p = store.writeBlob(JSON.writeValueAsBytes(params));
            layers.add(new Layer(MediaTypes.PARAMS, p.digest(), p.size()));
        }
        WrittenBlob config = store.writeBlob(config(gguf));
        store.writeManifest(ModelName.parse(name),
                Manifest.of(new Layer(MediaTypes.CONFIG, config.digest(), config.size()), layers));
    }

    /** Publishes {@code gguf} in the local registry as {@code library/<model>:latest}. */
    public void publish(String model, Path gguf) throws IOException {
        Map<String, byte[]> layers = new LinkedHashMap<>();
        layers.put(MediaTypes.MODEL, Files.readAllBytes(gguf));
        registry.putModel("library", model, "latest", config(gguf), layers);
    }

    /** The config blob of §4.2, from the GGUF header. */
    private static byte[] config(Path gguf) throws IOException {
        ModelDetails d = GgufDetails.read(gguf);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model_format", "gguf");
        config.put("model_family", d.family());
        config.put("model_families", d.families());
        config.put("model_type", d.parameterSize());
        config.put("file_type", d.quantizationLevel());
        return JSON.writeValueAsBytes(config);
    }

    @Override
    public void close() {
        server.close();
        registryClient.close();
        registry.close();
    }
}
