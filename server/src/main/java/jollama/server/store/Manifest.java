package jollama.server.store;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An image manifest (§4.2): {@code {"schemaVersion":2,"mediaType":…,"config":{…},"layers":[…]}}.
 *
 * <p>Parsing goes through Jackson's tree model and ignores unknown fields. Pulled manifests are
 * stored as the registry sent them, not re-serialized, so {@link #toJson()} is only for manifests
 * this server creates; it writes the fields in Ollama's order without spaces, as Go's encoder does.
 *
 * @param config null when the manifest has none
 */
public record Manifest(int schemaVersion, String mediaType, Layer config, List<Layer> layers) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = new JsonFactory();

    public Manifest {
        Objects.requireNonNull(mediaType, "mediaType");
        layers = List.copyOf(layers);
    }

    /** A new schema 2 manifest, as {@code create} writes it. */
    public static Manifest of(Layer config, List<Layer> layers) {
        return new Manifest(2, MediaTypes.MANIFEST, config, layers);
    }

    /**
     * Parses manifest JSON.
     *
     * @throws CorruptManifestException when it is not JSON, or a layer lacks a valid digest,
     *                                  a media type or a size
     */
    public static Manifest parse(byte[] json) throws CorruptManifestException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CorruptManifestException("manifest is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CorruptManifestException("manifest is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new CorruptManifestException("manifest is not a JSON object");
        }
        int schemaVersion = root.path("schemaVersion").asInt(0);
        String mediaType = root.path("mediaType").asText("");
        JsonNode configNode = root.get("config");
        Layer config = null;
        if (configNode != null && configNode.isObject() && !configNode.path("digest").asText("").isEmpty()) {
            config = layer(configNode, "config");
        }
        List<Layer> layers = new ArrayList<>();
        JsonNode layersNode = root.get("layers");
        if (layersNode != null && !layersNode.isNull()) {
            if (!layersNode.isArray()) {
                throw new CorruptManifestException("manifest \"layers\" is not an array");
            }
            for (int i = 0; i < layersNode.size(); i++) {
                layers.add(layer(layersNode.get(i), "layer " + i));
            }
        }
        return new Manifest(schemaVersion, mediaType, config, layers);
    }

    private static Layer layer(JsonNode node, String where) throws CorruptManifestException {
        if (node == null || !node.isObject()) {
            throw new CorruptManifestException("manifest " + where + " is not an object");
        }
        JsonNode mediaType = node.get("mediaType");
        JsonNode digest = node.get("digest");
        JsonNode size = node.get("size");
        if (mediaType == null || !mediaType.isTextual()) {
            throw new CorruptManifestException("manifest " + where + " has no mediaType");
        }
        if (digest == null || !digest.isTextual()) {
            throw new CorruptManifestException("manifest " + where + " has no digest");
        }
        if (size == null || !size.canConvertToLong() || !size.isIntegralNumber() || size.asLong() < 0) {
            throw new CorruptManifestException("manifest " + where + " has no valid size");
        }
        Digest d;
        try {
            d = Digest.parse(digest.asText());
        } catch (InvalidDigestException e) {
            throw new CorruptManifestException("manifest " + where + ": " + e.getMessage(), e);
        }
        return new Layer(mediaType.asText(), d, size.asLong(),
                node.path("from").asText(null), node.path("name").asText(null));
    }

    /** Compact JSON in Ollama's field order; {@code from} and {@code name} only when set. */
    public byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", schemaVersion);
            g.writeStringField("mediaType", mediaType);
            g.writeFieldName("config");
            if (config == null) {
                // Go writes the zero Layer for a missing config
                g.writeStartObject();
                g.writeStringField("mediaType", "");
                g.writeStringField("digest", "");
                g.writeNumberField("size", 0);
                g.writeEndObject();
            } else {
                writeLayer(g, config);
            }
            g.writeArrayFieldStart("layers");
            for (Layer layer : layers) {
                writeLayer(g, layer);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeLayer(JsonGenerator g, Layer layer) throws IOException {
        g.writeStartObject();
        g.writeStringField("mediaType", layer.mediaType());
        g.writeStringField("digest", layer.digest().toString());
        g.writeNumberField("size", layer.size());
        if (layer.from() != null) {
            g.writeStringField("from", layer.from());
        }
        if (layer.name() != null) {
            g.writeStringField("name", layer.name());
        }
        g.writeEndObject();
    }

    /** Sum of the layer sizes plus the config size: {@code size} in {@code /api/tags}. */
    public long totalSize() {
        long size = config == null ? 0 : config.size();
        for (Layer layer : layers) {
            size += layer.size();
        }
        return size;
    }

    /** The layers, then the config: the order in which a pull fetches them. */
    public List<Layer> layersAndConfig() {
        List<Layer> all = new ArrayList<>(layers);
        if (config != null) {
            all.add(config);
        }
        return all;
    }

    /** Every blob the manifest needs, layers first then the config, without repeats. */
    public Set<Digest> blobDigests() {
        Set<Digest> digests = new LinkedHashSet<>();
        for (Layer layer : layersAndConfig()) {
            digests.add(layer.digest());
        }
        return digests;
    }

    /** The first layer of a media type. */
    public Optional<Layer> layer(String mediaType) {
        return layers.stream().filter(l -> l.mediaType().equals(mediaType)).findFirst();
    }

    /** All layers of a media type, in manifest order. */
    public List<Layer> layers(String mediaType) {
        return layers.stream().filter(l -> l.mediaType().equals(mediaType)).toList();
    }

    /** The template layer, under its current or its older ({@code prompt}) media type. */
    public Optional<Layer> templateLayer() {
        return layer(MediaTypes.TEMPLATE).or(() -> layer(MediaTypes.PROMPT));
    }
}
