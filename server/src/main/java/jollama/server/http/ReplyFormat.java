package jollama.server.http;

import io.javalin.http.Context;
import jollama.engine.generate.Generation;
import jollama.engine.parse.OutputParser;
import jollama.engine.tokenizer.Tokenizer;

/**
 * How an inference request's reply is written. The handler does the checks, the model lease and
 * the prompt, the same for every API; the format writes what comes out, as Ollama's native
 * NDJSON/JSON objects or as the OpenAI layer's shapes (ollama-api.md §3), so both APIs share one
 * path to the engine.
 */
public interface ReplyFormat {

    /** A reply made up without running the model: {@code doneReason} is {@code "load"} or {@code "unload"}. */
    void synthetic(Context ctx, String doneReason);

    /**
     * Runs {@code generation} to its end (or the client's departure) into the reply and closes it.
     *
     * @param loadNanos how long the request waited for the scheduler or the load
     */
    void generated(Context ctx, Generation generation, Tokenizer tokenizer, OutputParser parser, long loadNanos);
}
