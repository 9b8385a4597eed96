package jollama.server.http.catalog;

import java.util.List;

/**
 * The {@code details} object of {@code /api/tags}, {@code /api/show} and {@code /api/ps}, from the
 * model's config blob (§1.7).
 *
 * @param parentModel       the model this one was created from, "" when none
 * @param format            {@code gguf}
 * @param family            the architecture family, e.g. {@code qwen3}
 * @param families          every family, or null
 * @param parameterSize     e.g. {@code 8.0B}
 * @param quantizationLevel e.g. {@code Q4_K_M}
 */
public record ModelDetails(String parentModel, String format, String family, List<String> families,
                           String parameterSize, String quantizationLevel) {

    public ModelDetails {
        parentModel = parentModel == null ? "" : parentModel;
        format = format == null ? "" : format;
        family = family == null ? "" : family;
        families = families == null ? null : List.copyOf(families);
        parameterSize = parameterSize == null ? "" : parameterSize;
        quantizationLevel = quantizationLevel == null ? "" : quantizationLevel;
    }
}
