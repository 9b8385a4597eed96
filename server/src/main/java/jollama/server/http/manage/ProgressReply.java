package jollama.server.http.manage;

import io.javalin.http.Context;
import jollama.server.http.ApiError;
import jollama.server.http.Json;
import jollama.server.http.NdjsonStream;
import jollama.server.registry.CancelSignal;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers a request whose work reports progress, the way Ollama's {@code streamResponse} and
 * {@code waitForStream} do (§0.1):
 * <ul>
 *   <li>streamed (the default): every line as NDJSON; a failure before the first line is an
 *       ordinary JSON error with its status, a failure after it one last {@code {"error"}} line;
 *       a client that goes away cancels the work;</li>
 *   <li>not streamed: only the last line, {@code {"status":"success"}}, or the error with its
 *       status (500 unless the failure says otherwise).</li>
 * </ul>
 */
final class ProgressReply {

    private static final Logger LOG = Logger.getLogger(ProgressReply.class.getName());
    private static final String JSON = "application/json; charset=utf-8";

    /** The work: reports to {@code sink}, stops soon after {@code cancel} is set. */
    @FunctionalInterface
    interface Work {
        void run(ProgressSink sink, CancelSignal cancel) throws Exception;
    }

    private final Json json;

    ProgressReply(Json json) {
        this.json = json;
    }

    /** Runs {@code work} on this thread and writes its progress to {@code ctx}. */
    void run(Context ctx, boolean stream, Work work) {
        if (stream) {
            streamed(ctx, work);
        } else {
            single(ctx, work);
        }
    }

    private void streamed(Context ctx, Work work) {
        NdjsonStream out = new NdjsonStream(ctx.res(), json);
        CancelSignal cancel = new CancelSignal();
        ProgressSink sink = line -> {
            if (cancel.isCancelled()) {
                return;
            }
            try {
                out.write(line);
            } catch (IOException e) {
                cancel.cancel(); // the client went away: stop the work, as Ollama's request context does
            }
        };
        try {
            work.run(sink, cancel);
        } catch (Exception e) {
            ApiError error = asApiError(e);
            if (!out.started()) {
                throw error;
            }
            out.writeError(error.getMessage());
        }
    }

    private void single(Context ctx, Work work) {
        AtomicReference<Progress> last = new AtomicReference<>();
        try {
            work.run(last::set, new CancelSignal());
        } catch (Exception e) {
            throw asApiError(e);
        }
        Progress reply = last.get() != null ? last.get() : Progress.status("success");
        ctx.status(200).contentType(JSON).result(json.bytes(reply));
    }

    private static ApiError asApiError(Exception e) {
        if (e instanceof ApiError api) {
            return api;
        }
        if (!(e instanceof IOException)) {
            LOG.log(Level.WARNING, "operation failed: " + e, e);
        }
        String message = e.getMessage() != null ? e.getMessage() : e.toString();
        return new ApiError(500, message, e);
    }
}
