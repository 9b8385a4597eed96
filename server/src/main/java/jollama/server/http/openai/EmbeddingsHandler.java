package jollama.server.http.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.javalin.http.Context;
import jollama.server.http.ApiError;
import jollama.server.http.EmbedHandler;
import jollama.server.http.Json;
import jollama.server.http.api.EmbedRequest;
import jollama.server.http.api.EmbedResponse;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code POST /v1/embeddings} (ollama-api.md §3.3), run by the native {@link EmbedHandler}: the
 * same lookup, truncation and L2 normalisation as {@code /api/embed}.
 */
final class EmbeddingsHandler {

    private final Json json;
    private final EmbedHandler embed;

    EmbeddingsHandler(Json json, EmbedHandler embed) {
        this.json = json;
        this.embed = embed;
    }

    void handle(Context ctx) {
        long start = System.nanoTime();
        EmbeddingRequest r = json.parseBody(ctx.bodyAsBytes(), EmbeddingRequest.class);
        boolean base64 = base64(r.encodingFormat());
        ArrayNode inputs = inputs(r.input());
        EmbedResponse res = embed.compute(new EmbedRequest(r.model(), inputs, null, r.dimensions(), null, null), start);
        List<EmbeddingList.Item> data = new ArrayList<>(res.embeddings().size());
        for (int i = 0; i < res.embeddings().size(); i++) {
            float[] v = res.embeddings().get(i);
            data.add(new EmbeddingList.Item("embedding", base64 ? base64(v) : v, i));
        }
        int tokens = res.promptEvalCount() == null ? 0 : res.promptEvalCount();
        OpenAiRoutes.reply(ctx, json, new EmbeddingList("list", data, r.model(), new EmbeddingList.Usage(tokens, tokens)));
    }

    /** {@code float} (default) or {@code base64}, any case. */
    static boolean base64(String format) {
        if (format == null || format.isEmpty() || format.equalsIgnoreCase("float")) {
            return false;
        }
        if (format.equalsIgnoreCase("base64")) {
            return true;
        }
        throw ApiError.badRequest("Invalid value for 'encoding_format' = " + format
                + ". Supported values: ['float', 'base64'].");
    }

    /** A string (even "") or a non-empty array of strings; token arrays are refused. */
    static ArrayNode inputs(JsonNode input) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        if (input != null && input.isTextual()) {
            return out.add(input.asText());
        }
        if (input == null || !input.isArray() || input.isEmpty()) {
            throw ApiError.badRequest("invalid input");
        }
        for (JsonNode e : input) {
            if (!e.isTextual()) {
                throw ApiError.badRequest("invalid input: each input must be a string (token arrays are not supported)");
            }
            out.add(e.asText());
        }
        return out;
    }

    /** The little-endian float32 bytes, base64-encoded (what OpenAI's SDKs decode). */
    static String base64(float[] v) {
        ByteBuffer bytes = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            bytes.putFloat(x);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
