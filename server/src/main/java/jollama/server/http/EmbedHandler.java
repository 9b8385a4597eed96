package jollama.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import jollama.engine.Model;
import jollama.engine.embed.Pooling;
import jollama.models.ContextOverflowException;
import jollama.server.http.api.EmbedRequest;
import jollama.server.http.api.EmbedResponse;
import jollama.server.http.api.EmbeddingsRequest;
import jollama.server.http.api.EmbeddingsResponse;
import jollama.server.http.catalog.CatalogLookup;
import jollama.server.http.catalog.CatalogModel;
import jollama.server.http.sched.KeepAlive;
import jollama.server.http.sched.Lease;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code POST /api/embed} (§1.5) and the legacy {@code POST /api/embeddings} (§1.6). There is no
 * capability gate: a chat model embeds too (mean-pooled). The OpenAI layer embeds through
 * {@link #compute}.
 */
public final class EmbedHandler {

    private final Json json;
    private final ModelAccess models;

    EmbedHandler(Json json, ModelAccess models) {
        this.json = json;
        this.models = models;
    }

    void embed(Context ctx) {
        long start = System.nanoTime();
        EmbedRequest req = json.parseBody(ctx.bodyAsBytes(), EmbedRequest.class);
        reply(ctx, compute(req, start));
    }

    /**
     * Embeds every input of {@code req}, in order, as §1.5 describes.
     *
     * @param start when the request arrived ({@link System#nanoTime()})
     * @throws ApiError for every failure
     */
    public EmbedResponse compute(EmbedRequest req, long start) {
        KeepAlive keepAlive = RequestValues.keepAlive(req.keepAlive());
        List<String> inputs = inputs(req.input());
        boolean truncate = !Boolean.FALSE.equals(req.truncate());
        if (req.model().isEmpty()) {
            throw ApiError.notFound("model '' not found");
        }
        CatalogModel model = switch (models.lookup(req.model())) {
            case CatalogLookup.Found f -> f.model();
            case CatalogLookup.NotFound n -> throw notPulled(req.model());
            case CatalogLookup.InvalidName i -> throw ApiError.notFound("model '" + req.model() + "' not found");
        };
        var options = models.options(model, req.options());
        try (Lease lease = models.lease(model, options, keepAlive)) {
            long loadNanos = System.nanoTime() - start;
            if (inputs.isEmpty()) {
                return new EmbedResponse(req.model(), List.of(), null, null, null);
            }
            lease.started();
            Model engine = lease.model();
            List<float[]> embeddings = new ArrayList<>(inputs.size());
            int tokens = 0;
            for (String input : inputs) {
                String text = fit(engine, input, truncate);
                float[] v;
                try {
                    tokens += engine.embeddingTokens(text).length;
                    v = engine.embed(text);
                } catch (ContextOverflowException e) {
                    throw ApiError.badRequest("the input length exceeds the context length");
                } catch (RuntimeException e) {
                    throw ApiError.badRequest(String.valueOf(e.getMessage()).strip());
                }
                int dims = req.dimensions() == null ? 0 : req.dimensions();
                if (dims > 0 && dims < v.length) {
                    v = Arrays.copyOf(v, dims);
                    Pooling.normalize(v);
                }
                for (float x : v) {
                    if (!Float.isFinite(x)) {
                        throw new ApiError(500, "embedding contains NaN or Inf values");
                    }
                }
                embeddings.add(v);
            }
            return new EmbedResponse(req.model(), embeddings, GenerateHandler.positive(System.nanoTime() - start),
                    GenerateHandler.positive(loadNanos), GenerateHandler.positive(tokens));
        }
    }

    void embeddings(Context ctx) {
        EmbeddingsRequest req = json.parseBody(ctx.bodyAsBytes(), EmbeddingsRequest.class);
        KeepAlive keepAlive = RequestValues.keepAlive(req.keepAlive());
        if (req.model().isEmpty()) {
            throw ApiError.badRequest("model is required");
        }
        CatalogModel model = switch (models.lookup(req.model())) {
            case CatalogLookup.Found f -> f.model();
            case CatalogLookup.NotFound n -> throw notPulled(req.model());
            case CatalogLookup.InvalidName i -> throw ApiError.badRequest("invalid model name");
        };
        var options = models.options(model, req.options());
        try (Lease lease = models.lease(model, options, keepAlive)) {
            if (req.prompt().isEmpty()) {
                reply(ctx, new EmbeddingsResponse(new double[0]));
                return;
            }
            lease.started();
            float[] v;
            try {
                v = lease.model().embed(req.prompt());
            } catch (RuntimeException e) {
                throw new ApiError(500, String.valueOf(e.getMessage()).strip(), e);
            }
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = v[i];
            }
            reply(ctx, new EmbeddingsResponse(out));
        }
    }

    private static ApiError notPulled(String name) {
        return ApiError.notFound("model \"" + name + "\" not found, try pulling it first");
    }

    /** A string or an array of strings; a missing or empty string means no inputs. */
    static List<String> inputs(JsonNode input) {
        if (input == null || input.isNull() || input.isMissingNode()) {
            return List.of();
        }
        if (input.isTextual()) {
            return input.asText().isEmpty() ? List.of() : List.of(input.asText());
        }
        if (input.isArray()) {
            List<String> out = new ArrayList<>();
            for (JsonNode e : input) {
                if (!e.isTextual()) {
                    throw ApiError.badRequest("invalid input type");
                }
                out.add(e.asText());
            }
            return out;
        }
        throw ApiError.badRequest("invalid input type");
    }

    /**
     * The input cut to the context (less room for the BOS/EOS the model adds) when truncating;
     * 400 when it does not fit and truncation is off.
     */
    private static String fit(Model engine, String text, boolean truncate) {
        int limit = engine.info().contextLength();
        int[] ids;
        try {
            ids = engine.embeddingTokens(text);
        } catch (RuntimeException e) {
            throw ApiError.badRequest(String.valueOf(e.getMessage()).strip());
        }
        if (ids.length <= limit) {
            return text;
        }
        if (!truncate) {
            throw ApiError.badRequest("the input length exceeds the context length");
        }
        int[] plain = engine.tokenizer().encode(text, false, true);
        int keep = Math.max(1, limit - (ids.length - plain.length));
        // re-tokenizing the cut text can merge differently: shorten until it fits
        while (keep > 0) {
            String cut = engine.tokenizer().decode(Arrays.copyOf(plain, keep));
            if (engine.embeddingTokens(cut).length <= limit) {
                return cut;
            }
            keep--;
        }
        throw ApiError.badRequest("the input length exceeds the context length");
    }

    private void reply(Context ctx, Object body) {
        ctx.status(200).contentType(JollamaServer.JSON).result(json.bytes(body));
    }
}
