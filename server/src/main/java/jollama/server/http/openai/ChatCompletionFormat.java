package jollama.server.http.openai;

import io.javalin.http.Context;
import jollama.engine.generate.Generation;
import jollama.engine.generate.GenerationResult;
import jollama.engine.parse.OutputParser;
import jollama.engine.tokenizer.Tokenizer;
import jollama.server.http.ApiError;
import jollama.server.http.GenerationResponder;
import jollama.server.http.Json;
import jollama.server.http.ReplyDelta;
import jollama.server.http.ReplyFormat;
import jollama.server.http.api.Logprob;

import java.io.IOException;
import java.util.List;

/**
 * Writes a chat reply as OpenAI's {@code chat.completion} object, or as a stream of
 * {@code chat.completion.chunk} SSE events ending in {@code data: [DONE]} (ollama-api.md §3.1).
 */
final class ChatCompletionFormat implements ReplyFormat {

    private final Json json;
    private final String model;
    private final boolean stream;
    private final boolean includeUsage;
    private final String id = Ids.next("chatcmpl-");
    private final long created = Ids.now();

    /** @param model the model name as the request sent it */
    ChatCompletionFormat(Json json, String model, boolean stream, boolean includeUsage) {
        this.json = json;
        this.model = model;
        this.stream = stream;
        this.includeUsage = includeUsage;
    }

    @Override
    public void synthetic(Context ctx, String doneReason) {
        // not reached through /v1 (messages are never empty there), but a reply of the right shape all the same
        if (stream) {
            SseStream out = new SseStream(ctx.res(), json);
            try {
                out.data(new ChatChunks(id, created, model).finish(doneReason, List.of()));
                out.done();
            } catch (IOException clientGone) {
                // nothing to stop
            }
        } else {
            OpenAiRoutes.reply(ctx, json, whole(ReplyDelta.EMPTY, List.of(), doneReason, Usage.NONE));
        }
    }

    @Override
    public void generated(Context ctx, Generation generation, Tokenizer tokenizer, OutputParser parser,
                          long loadNanos) {
        if (stream) {
            GenerationResponder.stream(generation, tokenizer, parser,
                    new Writer(new SseStream(ctx.res(), json), new ChatChunks(id, created, model), includeUsage));
        } else {
            GenerationResponder.Whole w = GenerationResponder.collect(generation, tokenizer, parser);
            OpenAiRoutes.reply(ctx, json, whole(w.reply(), w.logprobs(), w.result().doneReason().apiName(),
                    Usage.of(w.result())));
        }
    }

    ChatCompletion whole(ReplyDelta reply, List<Logprob> logprobs, String doneReason, Usage usage) {
        ChatCompletion.Message message = new ChatCompletion.Message("assistant", reply.content(),
                reply.thinking().isEmpty() ? null : reply.thinking(), ToolCallJson.of(reply.toolCalls()));
        String finish = ChatChunks.finishReason(doneReason, !reply.toolCalls().isEmpty());
        return new ChatCompletion(id, "chat.completion", created, model, OpenAiRoutes.FINGERPRINT,
                List.of(new ChatCompletion.Choice(0, message, finish, ChatLogprobs.of(logprobs))), usage);
    }

    /**
     * Steps become chunks; the end is the finish chunk, the usage chunk if asked for, then
     * {@code [DONE]}; a failure after the start is a last {@code data: {"error":{...}}} event, without {@code [DONE]}.
     */
    record Writer(SseStream out, ChatChunks chunks, boolean includeUsage)
            implements GenerationResponder.StreamWriter {

        @Override
        public void step(ReplyDelta delta, List<Logprob> logprobs) throws IOException {
            for (ChatCompletionChunk chunk : chunks.step(delta, logprobs)) {
                out.data(chunk);
            }
        }

        @Override
        public void end(List<Logprob> logprobs, GenerationResult result) throws IOException {
            out.data(chunks.finish(result.doneReason().apiName(), logprobs));
            if (includeUsage) {
                out.data(chunks.usage(result));
            }
            out.done();
        }

        @Override
        public boolean started() {
            return out.started();
        }

        @Override
        public void fail(ApiError error) {
            out.error(error.status(), error.getMessage());
        }
    }
}
