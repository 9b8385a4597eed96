package jollama.server.http;

import io.javalin.http.Context;
import jollama.gguf.GGUFFile;
import jollama.gguf.GGUFTensorInfo;
import jollama.gguf.GGUFValue;
import jollama.server.http.api.DetailsJson;
import jollama.server.http.api.ListModel;
import jollama.server.http.api.ListResponse;
import jollama.server.http.api.ProcessModel;
import jollama.server.http.api.ProcessResponse;
import jollama.server.http.api.ShowRequest;
import jollama.server.http.api.ShowResponse;
import jollama.server.http.catalog.CatalogLookup;
import jollama.server.http.catalog.CatalogMessage;
import jollama.server.http.catalog.CatalogModel;
import jollama.server.http.sched.LoadedModel;

import java.io.IOException;
import java.math.BigInteger;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/tags}, {@code POST /api/show} and {@code GET /api/ps} (§1.7–§1.9). */
final class ModelInfoHandler {

    /** Arrays longer than this show as {@code []} unless {@code verbose} (the vocabulary, merges...). */
    private static final int MAX_ARRAY = 5;

    private final Json json;
    private final ModelAccess models;
    private final ZoneId zone;

    ModelInfoHandler(Json json, ModelAccess models, ZoneId zone) {
        this.json = json;
        this.models = models;
        this.zone = zone;
    }

    void tags(Context ctx) throws IOException {
        List<ListModel> out = new ArrayList<>();
        for (CatalogModel m : models.catalog().list()) {
            out.add(new ListModel(m.name(), m.name(), Timestamps.local(m.modifiedAt(), zone), m.size(), m.digest(),
                    DetailsJson.of(m.details())));
        }
        reply(ctx, new ListResponse(out));
    }

    void ps(Context ctx) {
        List<ProcessModel> out = new ArrayList<>();
        for (LoadedModel loaded : models.scheduler().loaded()) {
            CatalogModel m = loaded.model();
            out.add(new ProcessModel(m.name(), m.name(), loaded.size(), m.digest(), DetailsJson.of(m.details()),
                    Timestamps.local(loaded.expiresAt(), zone), 0, loaded.contextLength()));
        }
        reply(ctx, new ProcessResponse(out));
    }

    void show(Context ctx) throws IOException {
        ShowRequest req = json.parseBody(ctx.bodyAsBytes(), ShowRequest.class);
        String name = req.model() != null && !req.model().isEmpty() ? req.model() : req.name();
        if (name == null || name.isEmpty()) {
            throw ApiError.badRequest("model is required");
        }
        CatalogModel model = switch (models.lookup(name)) {
            case CatalogLookup.Found f -> f.model();
            case CatalogLookup.NotFound n -> throw ApiError.notFound("model '" + n.shortName() + "' not found");
            case CatalogLookup.InvalidName i -> throw ApiError.badRequest("invalid model name");
        };
        boolean verbose = Boolean.TRUE.equals(req.verbose());
        Map<String, Object> modelInfo = new LinkedHashMap<>();
        List<ShowResponse.TensorJson> tensors = new ArrayList<>();
        ModelFacts facts;
        try (GGUFFile file = GGUFFile.open(model.modelPath())) {
            for (String key : file.metadata().keys()) {
                if (key.equals("general.name") || key.equals("tokenizer.chat_template")) {
                    continue;
                }
                modelInfo.put(key, jsonValue(file.metadata().get(key), verbose));
            }
            for (GGUFTensorInfo t : file.tensorInfos()) {
                tensors.add(new ShowResponse.TensorJson(t.name(), t.type().name(), t.shape()));
            }
            facts = ModelFacts.of(file.metadata(), model.template());
        }
        Map<String, Object> params = new LinkedHashMap<>(model.parameters());
        if (req.options() != null) {
            req.options().forEach((k, v) -> {
                if (v != null) {
                    params.put(k, v);
                }
            });
        }
        String system = req.system() != null && !req.system().isEmpty() ? req.system() : model.system();
        List<ShowResponse.MessageJson> messages = new ArrayList<>();
        for (CatalogMessage m : model.messages()) {
            messages.add(new ShowResponse.MessageJson(m.role(), m.content()));
        }
        reply(ctx, new ShowResponse(
                model.licenses().isEmpty() ? null : String.join("\n", model.licenses()),
                ModelfileText.modelfile(model, system, params),
                params.isEmpty() ? null : ModelfileText.parameters(params),
                emptyToNull(model.template()),
                emptyToNull(system),
                DetailsJson.of(model.details()),
                messages.isEmpty() ? null : messages,
                modelInfo,
                tensors.isEmpty() ? null : tensors,
                facts.capabilities(),
                Timestamps.local(model.modifiedAt(), zone)));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** A GGUF value as JSON: numbers, booleans, strings and arrays; long arrays cut to {@code []}. */
    static Object jsonValue(GGUFValue value, boolean verbose) {
        if (value instanceof GGUFValue.ArrayValue array && !verbose && array.size() > MAX_ARRAY) {
            return List.of();
        }
        return switch (value) {
            case GGUFValue.UInt8 v -> v.unsignedValue();
            case GGUFValue.Int8 v -> v.value();
            case GGUFValue.UInt16 v -> v.unsignedValue();
            case GGUFValue.Int16 v -> v.value();
            case GGUFValue.UInt32 v -> v.unsignedValue();
            case GGUFValue.Int32 v -> v.value();
            case GGUFValue.UInt64 v -> new BigInteger(Long.toUnsignedString(v.value()));
            case GGUFValue.Int64 v -> v.value();
            case GGUFValue.Float32 v -> v.value();
            case GGUFValue.Float64 v -> v.value();
            case GGUFValue.Bool v -> v.value();
            case GGUFValue.Str v -> v.value();
            case GGUFValue.UInt8Array a -> unsignedBytes(a.values());
            case GGUFValue.Int8Array a -> a.values();
            case GGUFValue.UInt16Array a -> unsignedShorts(a.values());
            case GGUFValue.Int16Array a -> a.values();
            case GGUFValue.UInt32Array a -> unsignedInts(a.values());
            case GGUFValue.Int32Array a -> a.values();
            case GGUFValue.UInt64Array a -> unsignedLongs(a.values());
            case GGUFValue.Int64Array a -> a.values();
            case GGUFValue.Float32Array a -> a.values();
            case GGUFValue.Float64Array a -> a.values();
            case GGUFValue.BoolArray a -> a.values();
            case GGUFValue.StringArray a -> a.values();
            case GGUFValue.NestedArray a -> {
                List<Object> out = new ArrayList<>(a.values().size());
                for (GGUFValue.ArrayValue inner : a.values()) {
                    out.add(jsonValue(inner, true));
                }
                yield out;
            }
        };
    }

    private static int[] unsignedBytes(byte[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] & 0xff;
        }
        return out;
    }

    private static int[] unsignedShorts(short[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] & 0xffff;
        }
        return out;
    }

    private static long[] unsignedInts(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Integer.toUnsignedLong(v[i]);
        }
        return out;
    }

    private static List<BigInteger> unsignedLongs(long[] v) {
        List<BigInteger> out = new ArrayList<>(v.length);
        for (long x : v) {
            out.add(new BigInteger(Long.toUnsignedString(x)));
        }
        return out;
    }

    private void reply(Context ctx, Object body) {
        ctx.status(200).contentType(JollamaServer.JSON).result(json.bytes(body));
    }
}
