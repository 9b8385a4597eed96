package jollama.server.http.api;

import java.util.List;

/** {@code /api/tags}: an empty store gives {@code []}, never null. */
public record ListResponse(List<ListModel> models) {
}
