package jollama.server.http.manage;

import io.javalin.http.Context;
import jollama.server.http.ApiError;
import jollama.server.http.GoText;
import jollama.server.http.Json;
import jollama.server.store.ModelName;
import jollama.server.store.ModelNotFoundException;
import jollama.server.store.ModelStore;

import java.io.IOException;
import java.util.Optional;

/** {@code POST /api/copy} (§1.14): a second manifest for the same blobs; 200 with an empty body. */
final class CopyHandler {

    private final Json json;
    private final ModelStore store;

    CopyHandler(Json json, ModelStore store) {
        this.json = json;
        this.store = store;
    }

    void handle(Context ctx) throws IOException {
        CopyRequest req = json.parseBody(ctx.bodyAsBytes(), CopyRequest.class);
        String source = req.source() == null ? "" : req.source();
        String destination = req.destination() == null ? "" : req.destination();
        Optional<ModelName> from = ModelName.tryParse(source);
        if (from.isEmpty()) {
            throw ApiError.badRequest("source " + GoText.quote(source) + " is invalid");
        }
        Optional<ModelName> to = ModelName.tryParse(destination);
        if (to.isEmpty()) {
            throw ApiError.badRequest("destination " + GoText.quote(destination) + " is invalid");
        }
        try {
            store.copy(from.get(), to.get());
        } catch (ModelNotFoundException e) {
            throw ApiError.notFound("model " + GoText.quote(source) + " not found");
        }
        ctx.status(200);
    }
}
