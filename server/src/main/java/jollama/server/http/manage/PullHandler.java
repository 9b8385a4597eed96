package jollama.server.http.manage;

import io.javalin.http.Context;
import jollama.server.http.ApiError;
import jollama.server.http.Json;
import jollama.server.registry.PullCancelledException;
import jollama.server.store.ModelName;

/**
 * {@code POST /api/pull} (§1.10): the registry client's progress as NDJSON, or only
 * {@code {"status":"success"}} when not streamed. A client that goes away cancels the pull; the
 * partial files stay for the next pull to resume.
 */
final class PullHandler {

    private final Json json;
    private final ModelPuller puller;
    private final ProgressReply reply;

    PullHandler(Json json, ModelPuller puller) {
        this.json = json;
        this.puller = puller;
        this.reply = new ProgressReply(json);
    }

    void handle(Context ctx) {
        PullRequest req = json.parseBody(ctx.bodyAsBytes(), PullRequest.class);
        String given = req.model() != null && !req.model().isEmpty() ? req.model() : req.name();
        ModelName name = ModelName.tryParse(given).orElseThrow(() -> ApiError.badRequest("invalid model name"));
        boolean insecure = Boolean.TRUE.equals(req.insecure());
        reply.run(ctx, req.stream() == null || req.stream(), (sink, cancel) -> {
            try {
                puller.pull(name, insecure, sink, cancel);
            } catch (PullCancelledException e) {
                // the client left; nobody is there to tell
            }
        });
    }
}
