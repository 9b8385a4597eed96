package jollama.server.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jollama.server.http.catalog.ModelDetails;

import java.util.List;

/** The {@code details} object; {@code families} is written as null when unknown, as Go does. */
public record DetailsJson(String parentModel, String format, String family,
                          @JsonInclude(JsonInclude.Include.ALWAYS) List<String> families, String parameterSize,
                          String quantizationLevel) {

    public static DetailsJson of(ModelDetails d) {
        return new DetailsJson(d.parentModel(), d.format(), d.family(), d.families(), d.parameterSize(),
                d.quantizationLevel());
    }
}
