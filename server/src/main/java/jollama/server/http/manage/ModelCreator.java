package jollama.server.http.manage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jollama.gguf.GGUFFormatException;
import jollama.server.http.ApiError;
import jollama.server.http.catalog.ModelDetails;
import jollama.server.registry.CancelSignal;
import jollama.server.registry.PullCancelledException;
import jollama.server.registry.PullException;
import jollama.server.store.Digest;
import jollama.server.store.Layer;
import jollama.server.store.Manifest;
import jollama.server.store.ManifestWrite;
import jollama.server.store.MediaTypes;
import jollama.server.store.ModelName;
import jollama.server.store.ModelStore;
import jollama.server.store.StoredModel;
import jollama.server.store.WrittenBlob;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a model into the store from a {@link CreateSpec}, as Ollama's {@code create} does
 * (§1.12): the base layers (an existing model's, reused by digest, or uploaded GGUF blobs),
 * optionally the weights quantized into a new blob, then the Modelfile layers (template, system,
 * licences, merged params, messages) as blobs of their media types, a config blob, and the
 * manifest. Statuses go to the sink in Ollama's order: {@code parsing GGUF}, quantization
 * progress, one {@code using existing layer}/{@code creating new layer} per layer,
 * {@code writing manifest}, {@code success}.
 *
 * <p>Every blob the new manifest needs is {@linkplain ModelStore#retain retained} from before it
 * is read or written until the manifest exists, so a concurrent delete's prune cannot take it.
 * Blobs only the replaced manifest used are pruned afterwards (unless OLLAMA_NOPRUNE).
 */
public final class ModelCreator {

    static final String NOT_GGUF = "supplied file was not in GGUF format";
    static final String ADAPTERS_UNSUPPORTED = "LoRA adapters are not supported";

    private final ModelStore store;
    private final ModelPuller puller;
    private final TemplateCheck templates;
    private final ObjectMapper json = new ObjectMapper();

    /** @param puller fetches a missing {@code from} model; null to answer "not found" instead */
    public ModelCreator(ModelStore store, ModelPuller puller, TemplateCheck templates) {
        this.store = Objects.requireNonNull(store, "store");
        this.puller = puller;
        this.templates = Objects.requireNonNull(templates, "templates");
    }

    /** A layer of the new manifest, and whether its blob was written by this create. */
    private record Part(Layer layer, boolean created) {
        Part(Layer layer) {
            this(layer, false);
        }
    }

    /**
     * Creates (or replaces) the model.
     *
     * @throws ApiError      with Ollama's status and text for a bad request (400) or a failed step
     * @throws PullException when the base model had to be pulled and could not be
     * @throws IOException   when the store fails
     */
    public void create(CreateSpec spec, ProgressSink sink, CancelSignal cancel) throws IOException, PullException {
        try (Retentions retained = new Retentions(store)) {
            BaseConfig baseConfig = BaseConfig.NONE;
            List<Part> parts;
            switch (spec.base()) {
                case CreateSpec.Base.FromModel from -> {
                    StoredModel base = baseModel(from.name(), sink, cancel);
                    retained.hold(base.manifest().blobDigests());
                    parts = reuse(base);
                    baseConfig = baseConfig(base.manifest());
                }
                case CreateSpec.Base.FromBlobs blobs -> parts = fromBlobs(blobs, retained, sink);
                case CreateSpec.Base.FromFile file -> parts = fromFile(file.file(), retained, sink);
            }
            Optional<Part> weights = parts.stream().filter(p -> p.layer().mediaType().equals(MediaTypes.MODEL))
                    .findFirst();
            if (weights.isEmpty()) {
                throw new ApiError(400, "the base has no model weights (no " + MediaTypes.MODEL + " layer)");
            }
            if (spec.quantize() != null) {
                Part quantized = quantize(weights.get().layer(), Quantization.parse(spec.quantize()), retained, sink,
                        cancel);
                parts.set(parts.indexOf(weights.get()), quantized);
                weights = Optional.of(quantized);
            }
            ModelDetails details = GgufFacts.read(store.blobPath(weights.get().layer().digest())).details();

            parts = withModelfileLayers(parts, spec, retained);
            List<Layer> layers = parts.stream().map(Part::layer).toList();
            ConfigBlob config = new ConfigBlob(details, or(spec.renderer(), baseConfig.renderer()),
                    or(spec.parser(), baseConfig.parser()), or(spec.requires(), baseConfig.requires()));
            Part configPart = writeText(MediaTypes.CONFIG, config.encode(layers), retained);

            for (Part part : parts) {
                sink.send(Progress.layer(part.layer().digest(), part.created()));
            }
            sink.send(Progress.status("writing manifest"));
            if (cancel.isCancelled()) {
                throw new IOException("create cancelled");
            }
            ManifestWrite written = store.writeManifest(spec.name(), Manifest.of(configPart.layer(), layers));
            if (written.previous() != null) {
                store.removeUnreferencedBlobs(written.previous().blobDigests());
            }
        }
        sink.send(Progress.status("success"));
    }

    // ---------------------------------------------------------------- bases

    /** The {@code from} model, pulled first when the store does not have it (as Ollama does). */
    private StoredModel baseModel(ModelName name, ProgressSink sink, CancelSignal cancel)
            throws IOException, PullException {
        Optional<StoredModel> found = store.find(name);
        if (found.isEmpty() && puller != null) {
            try {
                puller.pull(name, false, sink, cancel);
            } catch (PullCancelledException e) {
                throw new IOException("create cancelled", e);
            }
            found = store.find(name);
        }
        return found.orElseThrow(() -> ApiError.notFound("model '" + name.displayShortest() + "' not found"));
    }

    /** The base model's layers, each marked as taken from it. */
    private List<Part> reuse(StoredModel base) throws IOException {
        String source = base.name().displayShortest();
        List<Part> parts = new ArrayList<>();
        for (Layer layer : base.manifest().layers()) {
            if (!store.hasBlob(layer.digest())) {
                throw new IOException("layer " + layer.digest() + " of " + source + " is missing from the store");
            }
            parts.add(new Part(layer.withFrom(source)));
        }
        return parts;
    }

    private record BaseConfig(String renderer, String parser, String requires) {
        static final BaseConfig NONE = new BaseConfig(null, null, null);
    }

    /** What the base's config says that the GGUF header cannot: renderer, parser, requires. */
    private BaseConfig baseConfig(Manifest manifest) {
        if (manifest.config() == null || !store.hasBlob(manifest.config().digest())) {
            return BaseConfig.NONE;
        }
        try {
            JsonNode config = json.readTree(store.readBlob(manifest.config().digest()));
            return new BaseConfig(config.path("renderer").asText(null), config.path("parser").asText(null),
                    config.path("requires").asText(null));
        } catch (IOException e) {
            return BaseConfig.NONE; // an unreadable config only costs those three settings
        }
    }

    /** Uploaded GGUF blobs: the weights, and any projector. */
    private List<Part> fromBlobs(CreateSpec.Base.FromBlobs blobs, Retentions retained, ProgressSink sink)
            throws IOException {
        retained.hold(blobs.files().values());
        List<Part> parts = new ArrayList<>();
        for (Map.Entry<String, Digest> file : blobs.files().entrySet()) {
            Digest digest = file.getValue();
            if (!store.hasBlob(digest)) {
                throw new ApiError(400, "blob not found for " + file.getKey() + " (digest " + digest
                        + "): file does not exist");
            }
            parts.add(ggufLayer(file.getKey(), digest, sink));
        }
        if (parts.stream().filter(p -> p.layer().mediaType().equals(MediaTypes.MODEL)).count() > 1) {
            throw new ApiError(400, "more than one model file: split GGUF models are not supported");
        }
        return parts;
    }

    /** A local GGUF file, copied into the store first. */
    private List<Part> fromFile(Path file, Retentions retained, ProgressSink sink) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ApiError(400, "no such file: " + file);
        }
        if (!GgufFacts.isGguf(file)) {
            throw new ApiError(400, NOT_GGUF);
        }
        // imported, then retained: between the two only a prune of a deleted model holding the
        // very same bytes could interfere, and the import refreshes the blob's time either way
        WrittenBlob blob = store.importFile(file);
        retained.hold(List.of(blob.digest()));
        return new ArrayList<>(List.of(ggufLayer(file.getFileName().toString(), blob.digest(), sink)));
    }

    private Part ggufLayer(String fileName, Digest digest, ProgressSink sink) throws IOException {
        sink.send(Progress.status("parsing GGUF"));
        Path path = store.blobPath(digest);
        if (!GgufFacts.isGguf(path)) {
            throw new ApiError(400, NOT_GGUF);
        }
        GgufFacts facts;
        try {
            facts = GgufFacts.read(path);
        } catch (GGUFFormatException e) {
            throw new ApiError(400, NOT_GGUF + ": " + e.getMessage(), e);
        }
        if (facts.isAdapter()) {
            throw new ApiError(400, ADAPTERS_UNSUPPORTED + ": " + fileName + " is a LoRA adapter");
        }
        return new Part(new Layer(facts.mediaType(), digest, Files.size(path)));
    }

    // ---------------------------------------------------------------- quantization

    private Part quantize(Layer weights, Quantization quantization, Retentions retained, ProgressSink sink,
                          CancelSignal cancel) throws IOException {
        Path source = store.blobPath(weights.digest());
        GgufFacts facts = GgufFacts.read(source);
        if (!quantization.needed(facts.fileTypeId())) {
            return new Part(weights);
        }
        Path output = store.newTempBlobFile("quantize-" + quantization.target().displayName());
        try {
            quantization.run(source, weights.size(), facts.fileTypeId(), output, sink, cancel);
            sink.send(Progress.status("verifying conversion"));
            GgufFacts.read(output); // the result must read back as a model
            Digest digest = ModelStore.hashFile(output);
            retained.hold(List.of(digest));
            WrittenBlob blob = store.adoptFile(output, digest);
            return new Part(new Layer(MediaTypes.MODEL, digest, blob.size()), blob.created());
        } finally {
            Files.deleteIfExists(output);
        }
    }

    // ---------------------------------------------------------------- Modelfile layers

    /**
     * The base layers with the request's Modelfile layers applied in Ollama's order: a template
     * or system replaces the old one, licences are added, params are merged (new keys win) and
     * rewritten, messages replace the old ones. New layers go at the end.
     */
    private List<Part> withModelfileLayers(List<Part> base, CreateSpec spec, Retentions retained) throws IOException {
        List<Part> parts = new ArrayList<>(base);
        if (spec.template() != null) {
            String problem = templates.problem(spec.template());
            if (problem != null) {
                throw new ApiError(400, "template error: " + problem);
            }
            removeLayers(parts, Set.of(MediaTypes.TEMPLATE, MediaTypes.PROMPT));
            parts.add(writeText(MediaTypes.TEMPLATE, utf8(spec.template()), retained));
        }
        if (spec.system() != null) {
            removeLayers(parts, Set.of(MediaTypes.SYSTEM));
            parts.add(writeText(MediaTypes.SYSTEM, utf8(spec.system()), retained));
        }
        for (String license : spec.licenses()) {
            parts.add(writeText(MediaTypes.LICENSE, utf8(license), retained));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (Part part : parts) {
            if (part.layer().mediaType().equals(MediaTypes.PARAMS)) {
                params.putAll(readParams(part.layer()));
            }
        }
        params.putAll(spec.parameters());
        if (!params.isEmpty()) {
            removeLayers(parts, Set.of(MediaTypes.PARAMS));
            parts.add(writeText(MediaTypes.PARAMS, GoJson.encodeLine(params), retained));
        }
        if (!spec.messages().isEmpty()) {
            List<Object> messages = new ArrayList<>();
            for (CreateSpec.Message m : spec.messages()) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("role", m.role());
                fields.put("content", m.content());
                messages.add(new GoJson.Struct(fields));
            }
            removeLayers(parts, Set.of(MediaTypes.MESSAGES));
            parts.add(writeText(MediaTypes.MESSAGES, GoJson.encodeLine(messages), retained));
        }
        return parts;
    }

    private Map<String, Object> readParams(Layer layer) throws IOException {
        JsonNode node = json.readTree(store.readBlob(layer.digest()));
        Map<String, Object> params = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.properties().forEach(e -> params.put(e.getKey(), json.convertValue(e.getValue(), Object.class)));
        }
        return params;
    }

    private static void removeLayers(List<Part> parts, Set<String> mediaTypes) {
        parts.removeIf(p -> mediaTypes.contains(p.layer().mediaType()));
    }

    /** A small blob: retained before it is written, so it is safe from the moment it exists. */
    private Part writeText(String mediaType, byte[] content, Retentions retained) throws IOException {
        retained.hold(List.of(Digest.of(content)));
        WrittenBlob blob = store.writeBlob(content);
        return new Part(new Layer(mediaType, blob.digest(), blob.size()), blob.created());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String or(String preferred, String fallback) {
        return preferred != null ? preferred : fallback;
    }

    /** The retentions of one create, all released together when it ends. */
    private static final class Retentions implements AutoCloseable {
        private final ModelStore store;
        private final List<ModelStore.Retention> held = new ArrayList<>();

        Retentions(ModelStore store) {
            this.store = store;
        }

        void hold(Collection<Digest> digests) {
            held.add(store.retain(digests));
        }

        @Override
        public void close() {
            held.forEach(ModelStore.Retention::close);
        }
    }
}
