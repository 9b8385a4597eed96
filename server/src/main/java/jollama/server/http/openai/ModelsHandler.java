package jollama.server.http.openai;

import io.javalin.http.Context;
import jollama.server.http.ApiError;
import jollama.server.http.Json;
import jollama.server.http.catalog.CatalogLookup;
import jollama.server.http.catalog.CatalogModel;
import jollama.server.http.catalog.ModelCatalog;
import jollama.server.store.ModelName;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code GET /v1/models} and {@code GET /v1/models/{model}} (ollama-api.md §3.4). */
final class ModelsHandler {

    private final Json json;
    private final ModelCatalog catalog;

    ModelsHandler(Json json, ModelCatalog catalog) {
        this.json = json;
        this.catalog = catalog;
    }

    void list(Context ctx) throws IOException {
        List<ModelObject> data = new ArrayList<>();
        for (CatalogModel m : catalog.list()) {
            data.add(object(m.name(), m));
        }
        OpenAiRoutes.reply(ctx, json, new ModelObject.ModelList("list", data));
    }

    /** The id is echoed as the path gave it; a missing model is 404 with {@code /api/show}'s text. */
    void retrieve(Context ctx) throws IOException {
        String name = ctx.pathParam("model");
        CatalogModel model = switch (catalog.find(name)) {
            case CatalogLookup.Found f -> f.model();
            case CatalogLookup.NotFound n -> throw ApiError.notFound("model '" + n.shortName() + "' not found");
            case CatalogLookup.InvalidName i -> throw ApiError.notFound("model '" + name + "' not found");
        };
        OpenAiRoutes.reply(ctx, json, object(name, model));
    }

    private static ModelObject object(String id, CatalogModel m) {
        String owner = ModelName.tryParse(m.fullName()).map(ModelName::namespace).orElse(ModelName.DEFAULT_NAMESPACE);
        return new ModelObject(id, "model", m.modifiedAt().getEpochSecond(), owner);
    }
}
