package jollama.server.http.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jollama.server.store.InvalidModelNameException;
import jollama.server.store.Layer;
import jollama.server.store.Manifest;
import jollama.server.store.MediaTypes;
import jollama.server.store.ModelName;
import jollama.server.store.ModelStore;
import jollama.server.store.StoredModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The models of an Ollama store ({@code ~/.ollama/models}): manifests name the GGUF blob and the
 * Modelfile layers; the config blob gives the details.
 */
public final class StoreCatalog implements ModelCatalog {

    private static final Logger LOG = Logger.getLogger(StoreCatalog.class.getName());

    private final ModelStore store;
    private final ObjectMapper json = new ObjectMapper();

    public StoreCatalog(ModelStore store) {
        this.store = store;
    }

    @Override
    public CatalogLookup find(String name) throws IOException {
        ModelName parsed;
        try {
            parsed = ModelName.parse(name);
        } catch (InvalidModelNameException e) {
            return new CatalogLookup.InvalidName(e.getMessage());
        }
        Optional<StoredModel> stored = store.find(parsed);
        if (stored.isEmpty()) {
            return new CatalogLookup.NotFound(parsed.displayShortest());
        }
        Optional<CatalogModel> model = toModel(stored.get());
        return model.<CatalogLookup>map(CatalogLookup.Found::new)
                .orElseGet(() -> new CatalogLookup.NotFound(parsed.displayShortest()));
    }

    @Override
    public List<CatalogModel> list() throws IOException {
        List<CatalogModel> models = new ArrayList<>();
        for (StoredModel stored : store.list()) {
            try {
                toModel(stored).ifPresent(models::add);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "skipping " + stored.name().displayShortest() + ": " + e.getMessage());
            }
        }
        return models;
    }

    /** Empty for manifests without GGUF weights (safetensors-only or cloud models), which jollama cannot run. */
    private Optional<CatalogModel> toModel(StoredModel stored) throws IOException {
        Manifest manifest = stored.manifest();
        Optional<Layer> weights = manifest.layer(MediaTypes.MODEL);
        if (weights.isEmpty()) {
            return Optional.empty();
        }
        Path path = store.blobPath(weights.get().digest());
        String template = text(manifest.templateLayer());
        String system = text(manifest.layer(MediaTypes.SYSTEM));
        Map<String, Object> params = new LinkedHashMap<>();
        Optional<Layer> paramsLayer = manifest.layer(MediaTypes.PARAMS);
        if (paramsLayer.isPresent()) {
            JsonNode node = json.readTree(store.readBlob(paramsLayer.get().digest()));
            if (node != null && node.isObject()) {
                node.properties().forEach(e -> params.put(e.getKey(), json.convertValue(e.getValue(), Object.class)));
            }
        }
        List<CatalogMessage> messages = new ArrayList<>();
        Optional<Layer> messagesLayer = manifest.layer(MediaTypes.MESSAGES);
        if (messagesLayer.isPresent()) {
            JsonNode node = json.readTree(store.readBlob(messagesLayer.get().digest()));
            if (node != null && node.isArray()) {
                for (JsonNode m : node) {
                    messages.add(new CatalogMessage(m.path("role").asText(""), m.path("content").asText("")));
                }
            }
        }
        List<String> licenses = new ArrayList<>();
        for (Layer license : manifest.layers(MediaTypes.LICENSE)) {
            licenses.add(store.readText(license));
        }
        ModelName name = stored.name();
        return Optional.of(new CatalogModel(name.displayShortest(), name.fullName(), path, template, system, params,
                messages, licenses, stored.manifestDigest().hex(), stored.size(), stored.modified(),
                details(manifest, weights.get(), path)));
    }

    private String text(Optional<Layer> layer) throws IOException {
        return layer.isPresent() ? store.readText(layer.get()) : null;
    }

    /** From the config blob as Ollama writes it; from the GGUF header when there is none. */
    private ModelDetails details(Manifest manifest, Layer weights, Path gguf) throws IOException {
        if (manifest.config() == null || !store.hasBlob(manifest.config().digest())) {
            return GgufDetails.read(gguf);
        }
        JsonNode config = json.readTree(store.readBlob(manifest.config().digest()));
        List<String> families = null;
        JsonNode familiesNode = config.path("model_families");
        if (familiesNode.isArray()) {
            families = new ArrayList<>();
            for (JsonNode f : familiesNode) {
                families.add(f.asText());
            }
        }
        return new ModelDetails(weights.from() == null ? "" : weights.from(), config.path("model_format").asText(""),
                config.path("model_family").asText(""), families, config.path("model_type").asText(""),
                config.path("file_type").asText(""));
    }
}
