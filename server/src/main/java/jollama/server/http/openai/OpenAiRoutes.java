package jollama.server.http.openai;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.router.JavalinDefaultRouting;
import jollama.server.http.ApiError;
import jollama.server.http.ChatHandler;
import jollama.server.http.EmbedHandler;
import jollama.server.http.GenerateHandler;
import jollama.server.http.Json;
import jollama.server.http.catalog.ModelCatalog;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The OpenAI-compatible routes under {@code /v1} (ollama-api.md §3). Each handler turns the
 * OpenAI request into the native one and runs it through the native handler with an OpenAI
 * reply format; failures before the reply starts are written as OpenAI error objects with the
 * status the native handler chose.
 */
public final class OpenAiRoutes {

    private static final Logger LOG = Logger.getLogger(OpenAiRoutes.class.getName());

    /** {@code system_fingerprint} on every completion object, as Ollama sends it. */
    static final String FINGERPRINT = "fp_ollama";

    private static final String JSON_TYPE = "application/json; charset=utf-8";

    private final Json json;
    private final ChatCompletionsHandler chat;
    private final CompletionsHandler completions;
    private final EmbeddingsHandler embeddings;
    private final ModelsHandler models;
    private final ResponsesHandler responses;

    public OpenAiRoutes(Json json, ChatHandler chat, GenerateHandler generate, EmbedHandler embed,
                        ModelCatalog catalog) {
        this.json = json;
        this.chat = new ChatCompletionsHandler(json, chat);
        this.completions = new CompletionsHandler(json, generate);
        this.embeddings = new EmbeddingsHandler(json, embed);
        this.models = new ModelsHandler(json, catalog);
        this.responses = new ResponsesHandler(json, chat);
    }

    public void mount(JavalinDefaultRouting r) {
        r.post("/v1/chat/completions", guarded(chat::handle));
        r.post("/v1/completions", guarded(completions::handle));
        r.post("/v1/embeddings", guarded(embeddings::handle));
        r.post("/v1/responses", guarded(responses::handle));
        r.get("/v1/models", guarded(models::list));
        r.get("/v1/models/{model}", guarded(models::retrieve));
    }

    /** Writes failures in OpenAI's error shape instead of the native {@code {"error":"..."}}. */
    private Handler guarded(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (ApiError e) {
                error(ctx, e.status(), e.getMessage());
            } catch (Exception e) {
                LOG.log(Level.WARNING, ctx.method() + " " + ctx.path() + ": " + e, e);
                error(ctx, 500, e.getMessage() != null ? e.getMessage() : e.toString());
            }
        };
    }

    private void error(Context ctx, int status, String message) {
        if (ctx.res().isCommitted()) {
            return; // a stream already began and ended its own way
        }
        ctx.status(status).contentType(JSON_TYPE).result(json.bytes(OpenAiError.of(status, message)));
    }

    static void reply(Context ctx, Json json, Object body) {
        ctx.status(200).contentType(JSON_TYPE).result(json.bytes(body));
    }
}
