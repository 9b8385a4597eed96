package jollama.server.client;

import java.util.List;

/** The {@code details} object of {@code /api/tags}, {@code /api/ps} and {@code /api/show}. */
public record ModelDetails(String parentModel, String format, String family, List<String> families,
                           String parameterSize, String quantizationLevel) {

    public static final ModelDetails EMPTY = new ModelDetails("", "", "", null, "", "");
}
