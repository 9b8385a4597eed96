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
 * Writes a chat reply as a Responses API {@code response} object, or as its named SSE events
 * (no {@code [DONE]}: {@code response.completed} ends the stream) (ollama-api.md §3.5).
 */
final class ResponsesFormat implements ReplyFormat {

    private final Json json;
    private final boolean stream;
    private final ResponseEvents events;

    ResponsesFormat(Json json, boolean stream, ResponseObject.Echo echo) {
        this.json = json;
        this.stream = stream;
        this.events = new ResponseEvents(Ids.next("resp_"), Ids.now(), echo);
    }

    @Override
    public void synthetic(Context ctx, String doneReason) {
        // an empty input only loads the model: an empty completed response
        if (stream) {
            SseStream out = new SseStream(ctx.res(), json);
            try {
                write(out, events.start());
                write(out, events.end(Usage.NONE));
            } catch (IOException clientGone) {
                // nothing to stop
            }
        } else {
            OpenAiRoutes.reply(ctx, json, events.whole(ReplyDelta.EMPTY, Usage.NONE));
        }
    }

    @Override
    public void generated(Context ctx, Generation generation, Tokenizer tokenizer, OutputParser parser,
                          long loadNanos) {
        if (stream) {
            GenerationResponder.stream(generation, tokenizer, parser, new Writer(new SseStream(ctx.res(), json)));
        } else {
            GenerationResponder.Whole w = GenerationResponder.collect(generation, tokenizer, parser);
            OpenAiRoutes.reply(ctx, json, events.whole(w.reply(), Usage.of(w.result())));
        }
    }

    private static void write(SseStream out, List<ResponseStreamEvent> list) throws IOException {
        for (ResponseStreamEvent e : list) {
            out.event(e.type(), e);
        }
    }

    private final class Writer implements GenerationResponder.StreamWriter {
        private final SseStream out;

        Writer(SseStream out) {
            this.out = out;
        }

        @Override
        public void step(ReplyDelta delta, List<Logprob> logprobs) throws IOException {
            if (!out.started()) {
                write(out, events.start());
            }
            write(out, events.step(delta));
        }

        @Override
        public void end(List<Logprob> logprobs, GenerationResult result) throws IOException {
            if (!out.started()) {
                write(out, events.start());
            }
            write(out, events.end(Usage.of(result)));
        }

        @Override
        public boolean started() {
            return out.started();
        }

        @Override
        public void fail(ApiError error) {
            ResponseStreamEvent e = events.error(error.getMessage());
            try {
                out.event(e.type(), e);
            } catch (IOException clientGone) {
                // nobody is listening any more
            }
        }
    }
}
