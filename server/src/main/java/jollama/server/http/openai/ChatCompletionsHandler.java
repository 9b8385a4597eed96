package jollama.server.http.openai;

import io.javalin.http.Context;
import jollama.server.http.ChatHandler;
import jollama.server.http.Json;
import jollama.server.http.api.ChatRequest;

/**
 * {@code POST /v1/chat/completions} (ollama-api.md §3.1): the request becomes a native chat
 * request, run by {@link ChatHandler} with the same checks, prompt and parser as
 * {@code /api/chat}; only the reply's shape differs.
 */
final class ChatCompletionsHandler {

    private final Json json;
    private final ChatHandler chat;

    ChatCompletionsHandler(Json json, ChatHandler chat) {
        this.json = json;
        this.chat = chat;
    }

    void handle(Context ctx) {
        long start = System.nanoTime();
        ChatCompletionRequest r = json.parseBody(ctx.bodyAsBytes(), ChatCompletionRequest.class);
        ChatRequest req = ChatRequestMapper.toNative(r);
        chat.chat(ctx, req, start, new ChatCompletionFormat(json, r.model(), r.streaming(), r.includeUsage()));
    }
}
