package jollama.server.http.api;

/** One entry of {@code /api/ps}; everything runs on the CPU, so {@code size_vram} is 0. */
public record ProcessModel(String name, String model, long size, String digest, DetailsJson details,
                           String expiresAt, long sizeVram, int contextLength) {
}
