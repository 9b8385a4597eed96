package jollama.server.http.manage;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import jollama.server.http.ApiError;
import jollama.server.http.Json;
import jollama.server.store.Digest;
import jollama.server.store.InvalidDigestException;
import jollama.server.store.ModelName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code POST /api/create} (§1.12): checks the request in Ollama's order (400s before anything
 * streams), then runs {@link ModelCreator} with progress.
 */
final class CreateHandler {

    private final Json json;
    private final ModelCreator creator;
    private final ProgressReply reply;

    CreateHandler(Json json, ModelCreator creator) {
        this.json = json;
        this.creator = creator;
        this.reply = new ProgressReply(json);
    }

    void handle(Context ctx) {
        CreateRequest req = json.parseBody(ctx.bodyAsBytes(), CreateRequest.class);
        CreateSpec spec = spec(req);
        reply.run(ctx, req.stream() == null || req.stream(), (sink, cancel) -> creator.create(spec, sink, cancel));
    }

    /** The request as a spec, or a 400 with Ollama's text. */
    static CreateSpec spec(CreateRequest req) {
        List<String> licenses = licenses(req.license());
        SortedMap<String, Digest> files = files(req.files());
        if (req.adapters() != null && !req.adapters().isEmpty()) {
            throw ApiError.badRequest(ModelCreator.ADAPTERS_UNSUPPORTED);
        }
        ModelName name = ModelName.tryParse(or(req.model(), req.name()))
                .orElseThrow(() -> ApiError.badRequest("invalid model name"));
        CreateSpec.Base base;
        if (req.from() != null && !req.from().isEmpty()) {
            base = new CreateSpec.Base.FromModel(ModelName.tryParse(req.from())
                    .orElseThrow(() -> ApiError.badRequest("invalid model name")));
        } else if (req.files() != null) {
            if (files.isEmpty()) {
                throw ApiError.badRequest("no files provided to convert");
            }
            base = new CreateSpec.Base.FromBlobs(files);
        } else {
            throw ApiError.badRequest("neither 'from' or 'files' was specified");
        }
        List<CreateSpec.Message> messages = new ArrayList<>();
        if (req.messages() != null) {
            for (CreateRequest.Message m : req.messages()) {
                messages.add(new CreateSpec.Message(m.role(), m.content()));
            }
        }
        return new CreateSpec(name, base, req.template(), req.system(), licenses, req.parameters(), messages,
                or(req.quantize(), req.quantization()), req.renderer(), req.parser(), req.requires());
    }

    /** {@code license}: absent, a string, or an array of strings. */
    private static List<String> licenses(JsonNode node) {
        List<String> licenses = new ArrayList<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return licenses;
        }
        if (node.isTextual()) {
            if (!node.asText().isEmpty()) {
                licenses.add(node.asText());
            }
            return licenses;
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    throw ApiError.badRequest("license must be a string or an array of strings");
                }
                licenses.add(item.asText());
            }
            return licenses;
        }
        throw ApiError.badRequest("license must be a string or an array of strings");
    }

    /** {@code files}: relative, clean file names to {@code sha256:<hex>} (either separator). */
    private static SortedMap<String, Digest> files(Map<String, String> files) {
        SortedMap<String, Digest> out = new TreeMap<>();
        if (files == null) {
            return out;
        }
        for (Map.Entry<String, String> e : files.entrySet()) {
            if (!isRelativeFilePath(e.getKey())) {
                throw ApiError.badRequest("file path must be relative");
            }
            try {
                out.put(e.getKey(), Digest.parseLenient(e.getValue()));
            } catch (InvalidDigestException ex) {
                throw ApiError.badRequest("invalid digest format");
            }
        }
        return out;
    }

    /** Go's fs.ValidPath, without {@code \} or {@code :}: slash-separated, no empty, "." or ".." element, not rooted. */
    static boolean isRelativeFilePath(String path) {
        if (path == null || path.isEmpty() || path.equals(".") || path.contains("\\") || path.contains(":")) {
            return false;
        }
        for (String element : path.split("/", -1)) {
            if (element.isEmpty() || element.equals(".") || element.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static String or(String preferred, String fallback) {
        return preferred != null && !preferred.isEmpty() ? preferred : fallback;
    }
}
