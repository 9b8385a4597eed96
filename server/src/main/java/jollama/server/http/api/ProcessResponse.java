package jollama.server.http.api;

import java.util.List;

/** {@code /api/ps}. */
public record ProcessResponse(List<ProcessModel> models) {
}
