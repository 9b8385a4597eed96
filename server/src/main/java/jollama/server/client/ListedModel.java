package jollama.server.client;

/**
 * One entry of {@code /api/tags}.
 *
 * @param modifiedAt RFC 3339 with an offset, as the server writes it
 * @param digest     hex SHA-256 of the manifest, no prefix
 */
public record ListedModel(String name, String model, String modifiedAt, long size, String digest,
                          ModelDetails details) {
}
