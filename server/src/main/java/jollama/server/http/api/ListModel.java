package jollama.server.http.api;

/** One entry of {@code /api/tags}: {@code name} and {@code model} are both the short display name. */
public record ListModel(String name, String model, String modifiedAt, long size, String digest, DetailsJson details) {
}
