package jollama.server.http;

import jollama.engine.sampling.GenerationOptions;
import jollama.engine.sampling.InvalidOptionException;
import jollama.models.ModelException;
import jollama.server.http.catalog.CatalogLookup;
import jollama.server.http.catalog.CatalogModel;
import jollama.server.http.catalog.ModelCatalog;
import jollama.server.http.sched.KeepAlive;
import jollama.server.http.sched.Lease;
import jollama.server.http.sched.LoadSettings;
import jollama.server.http.sched.Scheduler;
import jollama.server.http.sched.ServerBusyException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The steps every model request shares: find the model, work out its options, lease it from the
 * scheduler. Each step turns failures into the status Ollama uses for it.
 */
final class ModelAccess {

    private final ModelCatalog catalog;
    private final Scheduler scheduler;
    private final ModelFacts.Cache facts = new ModelFacts.Cache();
    private final int defaultContextLength;
    private final PromptTemplates templates;

    ModelAccess(ModelCatalog catalog, Scheduler scheduler, int defaultContextLength, PromptTemplates templates) {
        this.catalog = catalog;
        this.scheduler = scheduler;
        this.defaultContextLength = defaultContextLength;
        this.templates = templates;
    }

    /** Which template renders a model's prompts. */
    PromptTemplates templates() {
        return templates;
    }

    ModelCatalog catalog() {
        return catalog;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    CatalogLookup lookup(String name) {
        try {
            return catalog.find(name);
        } catch (IOException e) {
            throw new ApiError(500, e.getMessage(), e);
        }
    }

    /**
     * The model for generate/chat: 400 {@code invalid model name}, 404
     * {@code model '<as sent>' not found}.
     */
    CatalogModel inferenceModel(String name) {
        return switch (lookup(name)) {
            case CatalogLookup.Found f -> f.model();
            case CatalogLookup.NotFound n -> throw ApiError.notFound("model '" + name + "' not found");
            case CatalogLookup.InvalidName i -> throw ApiError.badRequest("invalid model name");
        };
    }

    ModelFacts facts(CatalogModel model) {
        try {
            return facts.of(model);
        } catch (IOException | RuntimeException e) {
            throw new ApiError(500, model.name() + ": cannot read the model file: " + e.getMessage(), e);
        }
    }

    /**
     * Built-in defaults (num_ctx from OLLAMA_CONTEXT_LENGTH) &lt; the model's params layer &lt; the
     * request's options. A wrong type is 500 with Ollama's text (its quirk: it surfaces from the scheduler).
     */
    GenerationOptions options(CatalogModel model, Map<String, Object> requestOptions) {
        try {
            return GenerationOptions.defaults().toBuilder().numCtx(defaultContextLength).build()
                    .withOverrides(model.parameters())
                    .withOverrides(requestOptions == null ? Map.of() : requestOptions);
        } catch (InvalidOptionException e) {
            throw new ApiError(500, e.getMessage(), e);
        }
    }

    /**
     * Leases the model, loading it when needed.
     *
     * @throws ApiError 503 when the queue is full, 500 when the model cannot be loaded
     */
    Lease lease(CatalogModel model, GenerationOptions options, KeepAlive keepAlive) {
        try {
            return scheduler.acquire(model, new LoadSettings(options.numCtx(), options.numThread()), keepAlive);
        } catch (ServerBusyException e) {
            throw new ApiError(503, e.getMessage());
        } catch (IOException | UncheckedIOException | ModelException e) {
            throw new ApiError(500, e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(499, "request canceled");
        }
    }
}
