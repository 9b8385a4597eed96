package jollama.server.http.openai;

import io.javalin.http.Context;
import jollama.server.http.ChatHandler;
import jollama.server.http.Json;

/**
 * {@code POST /v1/responses}, stateless (ollama-api.md §3.5): the input items become a native
 * chat request, run by {@link ChatHandler}; nothing is stored.
 */
final class ResponsesHandler {

    private final Json json;
    private final ChatHandler chat;

    ResponsesHandler(Json json, ChatHandler chat) {
        this.json = json;
        this.chat = chat;
    }

    void handle(Context ctx) {
        long start = System.nanoTime();
        ResponsesRequest r = json.parseBody(ctx.bodyAsBytes(), ResponsesRequest.class);
        chat.chat(ctx, ResponsesRequestMapper.toNative(r), start,
                new ResponsesFormat(json, r.streaming(), ResponseObject.Echo.of(r)));
    }
}
