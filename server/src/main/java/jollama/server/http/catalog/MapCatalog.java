package jollama.server.http.catalog;

import jollama.server.store.InvalidModelNameException;
import jollama.server.store.ModelName;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A catalog of plain GGUF files under names of one's choosing, for tests and for serving files
 * that are not in an Ollama store. Names follow Ollama's grammar ({@code tiny} is
 * {@code tiny:latest}); the details come from each file's header, as {@code ollama create} would
 * compute them. Immutable.
 */
public final class MapCatalog implements ModelCatalog {

    private final Map<String, CatalogModel> models;

    private MapCatalog(Map<String, CatalogModel> models) {
        this.models = models;
    }

    /** Each name serves its file, with no Modelfile layers. */
    public static MapCatalog of(Map<String, Path> files) throws IOException {
        Builder b = builder();
        for (Map.Entry<String, Path> e : files.entrySet()) {
            b.add(e.getKey(), e.getValue());
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CatalogLookup find(String name) {
        ModelName parsed;
        try {
            parsed = ModelName.parse(name);
        } catch (InvalidModelNameException e) {
            return new CatalogLookup.InvalidName(e.getMessage());
        }
        CatalogModel model = models.get(key(parsed));
        return model != null ? new CatalogLookup.Found(model) : new CatalogLookup.NotFound(parsed.displayShortest());
    }

    @Override
    public List<CatalogModel> list() {
        List<CatalogModel> all = new ArrayList<>(models.values());
        all.sort(Comparator.comparing(CatalogModel::modifiedAt).reversed().thenComparing(CatalogModel::name));
        return all;
    }

    private static String key(ModelName name) {
        return name.fullName().toLowerCase(Locale.ROOT);
    }

    public static final class Builder {
        private final Map<String, CatalogModel> models = new LinkedHashMap<>();

        private Builder() {
        }

        /** A model with no Modelfile layers. */
        public Builder add(String name, Path gguf) throws IOException {
            return add(name, gguf, null, null, Map.of(), List.of());
        }

        /**
         * A model with Modelfile layers.
         *
         * @param template   Go template text, or null
         * @param system     SYSTEM text, or null
         * @param parameters PARAMETER values as JSON would decode them (numbers, strings, lists of strings)
         * @param messages   MESSAGE history
         */
        public Builder add(String name, Path gguf, String template, String system, Map<String, Object> parameters,
                           List<CatalogMessage> messages) throws IOException {
            ModelName parsed = ModelName.parse(name);
            CatalogModel model = new CatalogModel(parsed.displayShortest(), parsed.fullName(), gguf, template, system,
                    parameters, messages, List.of(), fakeDigest(parsed, gguf), Files.size(gguf),
                    Files.getLastModifiedTime(gguf).toInstant(), GgufDetails.read(gguf));
            models.put(key(parsed), model);
            return this;
        }

        public MapCatalog build() {
            return new MapCatalog(Map.copyOf(models));
        }

        /** There is no manifest to hash; the name and path make a stable stand-in. */
        private static String fakeDigest(ModelName name, Path gguf) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update((name.fullName() + "\n" + gguf.toAbsolutePath()).getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(sha.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
