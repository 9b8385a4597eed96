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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a generate reply as OpenAI's {@code text_completion}, whole or as SSE chunks: text
 * deltas, a last chunk with {@code text:""} and the finish reason, the usage chunk when asked
 * for, then {@code data: [DONE]} (ollama-api.md §3.2). Only the answer text is returned: a
 * thinking model's reasoning has no place in this API.
 */
final class CompletionFormat implements ReplyFormat {

    private static final String OBJECT = "text_completion";

    private final Json json;
    private final String model;
    private final boolean stream;
    private final boolean includeUsage;
    /** The prompt, when {@code echo} asks for it before the completion; else "". */
    private final String echo;
    private final String id = Ids.next("cmpl-");
    private final long created = Ids.now();

    CompletionFormat(Json json, String model, boolean stream, boolean includeUsage, String echo) {
        this.json = json;
        this.model = model;
        this.stream = stream;
        this.includeUsage = includeUsage;
        this.echo = echo;
    }

    @Override
    public void synthetic(Context ctx, String doneReason) {
        // an empty prompt only loads the model: an empty completion that stopped
        if (stream) {
            SseStream out = new SseStream(ctx.res(), json);
            try {
                out.data(chunk(echo, null, "stop"));
                out.done();
            } catch (IOException clientGone) {
                // nothing to stop
            }
        } else {
            OpenAiRoutes.reply(ctx, json, completion(echo, null, "stop", Usage.NONE));
        }
    }

    @Override
    public void generated(Context ctx, Generation generation, Tokenizer tokenizer, OutputParser parser,
                          long loadNanos) {
        if (stream) {
            GenerationResponder.stream(generation, tokenizer, parser, new Writer(new SseStream(ctx.res(), json)));
        } else {
            GenerationResponder.Whole w = GenerationResponder.collect(generation, tokenizer, parser);
            String text = echo + w.reply().content();
            OpenAiRoutes.reply(ctx, json, completion(text, logprobs(w.logprobs(), echo.length()),
                    ChatChunks.finishReason(w.result().doneReason().apiName(), false), Usage.of(w.result())));
        }
    }

    private Completion completion(String text, Completion.Logprobs logprobs, String finish, Usage usage) {
        return new Completion(id, OBJECT, created, model, OpenAiRoutes.FINGERPRINT,
                List.of(new Completion.Choice(text, 0, logprobs, finish)), usage);
    }

    private Completion chunk(String text, Completion.Logprobs logprobs, String finish) {
        return new Completion(id, OBJECT, created, model, OpenAiRoutes.FINGERPRINT,
                List.of(new Completion.Choice(text, 0, logprobs, finish)), null);
    }

    /** The legacy form of the native log-probabilities, offsets counted from {@code offset}; null when none. */
    static Completion.Logprobs logprobs(List<Logprob> logprobs, int offset) {
        if (logprobs == null || logprobs.isEmpty()) {
            return null;
        }
        List<String> tokens = new ArrayList<>(logprobs.size());
        List<Double> values = new ArrayList<>(logprobs.size());
        List<Map<String, Double>> top = new ArrayList<>(logprobs.size());
        List<Integer> offsets = new ArrayList<>(logprobs.size());
        int at = offset;
        for (Logprob l : logprobs) {
            tokens.add(l.token());
            values.add(l.logprob());
            Map<String, Double> alternatives = new LinkedHashMap<>();
            if (l.topLogprobs() != null) {
                for (Logprob t : l.topLogprobs()) {
                    alternatives.putIfAbsent(t.token(), t.logprob());
                }
            }
            top.add(alternatives);
            offsets.add(at);
            at += l.token().length();
        }
        return new Completion.Logprobs(tokens, values, top, offsets);
    }

    private final class Writer implements GenerationResponder.StreamWriter {
        private final SseStream out;
        /** Where the next token's text starts in the whole text (for text_offset). */
        private int offset;
        private boolean echoed;

        Writer(SseStream out) {
            this.out = out;
        }

        @Override
        public void step(ReplyDelta delta, List<Logprob> logprobs) throws IOException {
            if (delta.content().isEmpty() && logprobs.isEmpty()) {
                return; // thinking only: nothing this API shows
            }
            String prefix = echo();
            String text = prefix + delta.content();
            out.data(chunk(text, logprobs(logprobs, offset + prefix.length()), null));
            offset += text.length();
        }

        @Override
        public void end(List<Logprob> logprobs, GenerationResult result) throws IOException {
            String prefix = echo();
            out.data(chunk(prefix, logprobs(logprobs, offset + prefix.length()),
                    ChatChunks.finishReason(result.doneReason().apiName(), false)));
            if (includeUsage) {
                out.data(new Completion(id, OBJECT, created, model, OpenAiRoutes.FINGERPRINT, List.of(),
                        Usage.of(result)));
            }
            out.done();
        }

        /** The prompt before the first text, once. */
        private String echo() {
            if (echoed) {
                return "";
            }
            echoed = true;
            return echo;
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
