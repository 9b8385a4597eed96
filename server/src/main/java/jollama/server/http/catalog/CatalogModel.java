package jollama.server.http.catalog;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model as the server sees it: its weights and its Modelfile layers.
 *
 * @param name       the short display name, always with a tag ({@code llama3.2:latest})
 * @param fullName   {@code host/namespace/model:tag}, used in some capability errors
 * @param modelPath  the GGUF file (the {@code model} layer's blob)
 * @param template   the TEMPLATE layer (Go text/template), or null
 * @param system     the SYSTEM layer, or null
 * @param parameters the params layer (Modelfile PARAMETERs) in file order, empty when none
 * @param messages   the MESSAGE layer, empty when none
 * @param licenses   the LICENSE layers, empty when none
 * @param digest     hex SHA-256 of the manifest, no {@code sha256:} prefix
 * @param size       bytes of all layers plus the config
 * @param modifiedAt when the manifest was written
 * @param details    the config blob's description
 */
public record CatalogModel(String name, String fullName, Path modelPath, String template, String system,
                           Map<String, Object> parameters, List<CatalogMessage> messages, List<String> licenses,
                           String digest, long size, Instant modifiedAt, ModelDetails details) {

    public CatalogModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(modelPath, "modelPath");
        fullName = fullName == null ? name : fullName;
        // a LinkedHashMap keeps the file order (List.of / Map.copyOf would not, and reject null values)
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        messages = messages == null ? List.of() : List.copyOf(messages);
        licenses = licenses == null ? List.of() : List.copyOf(licenses);
        digest = digest == null ? "" : digest;
        modifiedAt = modifiedAt == null ? Instant.EPOCH : modifiedAt;
        Objects.requireNonNull(details, "details");
    }
}
