package jollama.server.http.manage;

import jollama.server.http.catalog.ModelDetails;
import jollama.server.store.Layer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The config blob of a created model ({@code application/vnd.docker.container.image.v1+json},
 * Ollama's {@code model.ConfigV2}), in its field order: what {@code /api/tags} and
 * {@code /api/show} report as {@code details}.
 *
 * @param details  format, family, families, parameter size ({@code model_type}) and file type
 * @param renderer RENDERER, or null
 * @param parser   PARSER, or null
 * @param requires REQUIRES, or null
 */
record ConfigBlob(ModelDetails details, String renderer, String parser, String requires) {

    /** The JSON, a line end included, over the manifest's layers (the {@code rootfs.diff_ids}). */
    byte[] encode(List<Layer> layers) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("model_format", details.format());
        f.put("model_family", details.family());
        f.put("model_families", details.families());
        f.put("model_type", details.parameterSize());
        f.put("file_type", details.quantizationLevel());
        putIfSet(f, "renderer", renderer);
        putIfSet(f, "parser", parser);
        putIfSet(f, "requires", requires);
        // Ollama writes the platform of the image spec as constants, whatever machine it runs on
        f.put("architecture", "amd64");
        f.put("os", "linux");
        List<Object> diffIds = new ArrayList<>();
        for (Layer layer : layers) {
            diffIds.add(layer.digest().toString());
        }
        Map<String, Object> rootfs = new LinkedHashMap<>();
        rootfs.put("type", "layers");
        rootfs.put("diff_ids", diffIds);
        f.put("rootfs", new GoJson.Struct(rootfs));
        return GoJson.encodeLine(new GoJson.Struct(f));
    }

    private static void putIfSet(Map<String, Object> fields, String key, String value) {
        if (value != null && !value.isEmpty()) {
            fields.put(key, value);
        }
    }
}
