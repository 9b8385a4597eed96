package jollama.server.http.manage;

import io.javalin.http.Context;
import jollama.server.http.ApiError;
import jollama.server.store.Digest;
import jollama.server.store.DigestMismatchException;
import jollama.server.store.InvalidDigestException;
import jollama.server.store.ModelStore;

import java.io.IOException;
import java.io.InputStream;

/**
 * {@code HEAD} and {@code POST /api/blobs/:digest} (§1.13): whether a blob exists, and uploading
 * one (the CLI's step before {@code create}). The body streams into the store and is renamed
 * into place only when it hashes to the digest in the path.
 */
final class BlobHandler {

    private final ModelStore store;

    BlobHandler(ModelStore store) {
        this.store = store;
    }

    void head(Context ctx) {
        ctx.status(store.hasBlob(digest(ctx)) ? 200 : 404);
    }

    void upload(Context ctx) throws IOException {
        Digest digest = digest(ctx);
        if (store.hasBlob(digest)) {
            ctx.status(200); // Ollama answers before reading the body
            return;
        }
        try (InputStream body = ctx.req().getInputStream()) {
            store.writeBlob(body, digest);
        } catch (DigestMismatchException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        ctx.status(201);
    }

    private static Digest digest(Context ctx) {
        try {
            return Digest.parseLenient(ctx.pathParam("digest"));
        } catch (InvalidDigestException e) {
            throw ApiError.badRequest("invalid digest format");
        }
    }
}
