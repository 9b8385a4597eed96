package jollama.server.http.sched;

import jollama.server.http.catalog.CatalogModel;

import java.time.Instant;

/**
 * A snapshot of one loaded model, for {@code /api/ps}.
 *
 * @param expiresAt     when it unloads if no request comes (far ahead for keep_alive forever)
 * @param size          bytes the model takes (its weights file, memory-mapped)
 * @param contextLength positions per sequence as loaded
 */
public record LoadedModel(CatalogModel model, Instant expiresAt, long size, int contextLength) {
}
