package jollama.server.http.manage;

import io.javalin.http.Context;
import jollama.server.http.ApiError;
import jollama.server.http.GoText;
import jollama.server.http.Json;
import jollama.server.http.catalog.CatalogLookup;
import jollama.server.http.catalog.ModelCatalog;
import jollama.server.http.sched.Scheduler;
import jollama.server.store.ModelName;
import jollama.server.store.ModelNotFoundException;
import jollama.server.store.ModelStore;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * {@code DELETE /api/delete} (§1.14): removes the manifest, then (unless OLLAMA_NOPRUNE) the
 * blobs nothing else uses. When that removes the weights of a loaded model, the model is also
 * unloaded, so that no runner outlives its file; a copy sharing the weights keeps running.
 */
final class DeleteHandler {

    private final Json json;
    private final ModelStore store;
    private final ModelCatalog catalog;
    private final Scheduler scheduler;

    DeleteHandler(Json json, ModelStore store, ModelCatalog catalog, Scheduler scheduler) {
        this.json = json;
        this.store = store;
        this.catalog = catalog;
        this.scheduler = scheduler;
    }

    void handle(Context ctx) throws IOException {
        DeleteRequest req = json.parseBody(ctx.bodyAsBytes(), DeleteRequest.class);
        String given = req.model() != null && !req.model().isEmpty() ? req.model() : req.name();
        if (given == null || given.isEmpty()) {
            throw ApiError.badRequest("model is required");
        }
        Optional<ModelName> name = ModelName.tryParse(given);
        if (name.isEmpty()) {
            throw ApiError.badRequest("name " + GoText.quote(given) + " is invalid");
        }
        CatalogLookup before = catalog.find(given);
        try {
            store.delete(name.get());
        } catch (ModelNotFoundException e) {
            throw ApiError.notFound("model '" + given + "' not found");
        }
        if (before instanceof CatalogLookup.Found found && !Files.exists(found.model().modelPath())) {
            scheduler.unload(found.model());
        }
        ctx.status(200);
    }
}
