package jollama.server.client;

/**
 * One entry of {@code /api/ps}.
 *
 * @param size      memory the model takes in all
 * @param sizeVram  the part of it on a GPU
 * @param expiresAt RFC 3339; about 292 years ahead for a model kept forever
 */
public record RunningModel(String name, String model, long size, String digest, ModelDetails details,
                           String expiresAt, long sizeVram, int contextLength) {
}
