package jollama.server.http;

import io.javalin.http.Context;
import jollama.engine.generate.GeneratedToken;
import jollama.engine.parse.OutputParser;
import jollama.engine.parse.ParseEvent;
import jollama.engine.generate.Generation;
import jollama.engine.generate.GenerationResult;
import jollama.engine.sampling.TokenLogprob;
import jollama.engine.sampling.TokenLogprobs;
import jollama.engine.tokenizer.Tokenizer;
import jollama.server.http.api.Logprob;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a generation into the HTTP reply, streamed or not (§0.1, §1.2, §1.3). Streaming writes
 * one chunk per piece of text, then a final chunk with the metrics. When a write fails the
 * client has gone: the generation is cancelled and closed at once, which frees its sequence for
 * the next request. An engine failure becomes a JSON error before the first line, or a last
 * {@code {"error"}} line after it.
 *
 * <p>The run itself ({@link #stream}, {@link #collect}) is independent of the wire format, so the
 * OpenAI layer drives the same loop with its own SSE writer.
 */
public final class GenerationResponder {

    /** The endpoint's JSON shapes. */
    interface Shape {
        /** A streamed step of the reply ({@code done:false}). */
        Object chunk(ReplyDelta delta, List<Logprob> logprobs);

        /** The final object: {@code reply} is empty when streaming, the whole reply otherwise. */
        Object last(ReplyDelta reply, List<Logprob> logprobs, GenerationResult result);
    }

    /**
     * Where a streamed reply goes, step by step: NDJSON lines natively, SSE events for OpenAI.
     * Write methods throw {@link IOException} when the client has gone away.
     */
    public interface StreamWriter {
        /** A non-empty step of the reply, with the log-probabilities of the tokens it came from. */
        void step(ReplyDelta delta, List<Logprob> logprobs) throws IOException;

        /** The end: log-probabilities not yet sent (tokens whose text was held back) and the totals. */
        void end(List<Logprob> logprobs, GenerationResult result) throws IOException;

        /** Whether anything has been written: an error must then go into the stream, not the status line. */
        boolean started();

        /** The last event of a stream that failed after it began; ignored if the client is gone. */
        void fail(ApiError error);
    }

    /** A whole reply: the concatenated parse, every log-probability, the totals. */
    public record Whole(ReplyDelta reply, List<Logprob> logprobs, GenerationResult result) {
    }

    private final Json json;

    GenerationResponder(Json json) {
        this.json = json;
    }

    /** Runs {@code generation} to its end (or the client's departure) and closes it. */
    void respond(Context ctx, Generation generation, Tokenizer tokenizer, boolean stream, OutputParser parser,
                 Shape shape) {
        if (stream) {
            stream(generation, tokenizer, parser, new NdjsonWriter(new NdjsonStream(ctx.res(), json), shape));
        } else {
            Whole whole = collect(generation, tokenizer, parser);
            ctx.status(200).contentType(JollamaServer.JSON)
                    .result(json.bytes(shape.last(whole.reply(), whole.logprobs(), whole.result())));
        }
    }

    /**
     * Streams {@code generation} into {@code out} and closes it. Empty steps are not sent (their
     * log-probabilities wait for the next text).
     *
     * @throws ApiError when the engine fails before anything was written
     */
    public static void stream(Generation generation, Tokenizer tokenizer, OutputParser parser, StreamWriter out) {
        try (generation) {
            List<Logprob> held = new ArrayList<>();
            try {
                while (generation.hasNext()) {
                    GeneratedToken token = generation.next();
                    if (token.logprobs() != null) {
                        held.add(logprob(token.logprobs(), tokenizer));
                    }
                    ReplyDelta delta = ReplyDelta.of(parser.feed(token.text()));
                    if (delta.isEmpty()) {
                        continue; // Ollama sends no empty deltas; log-probabilities wait for the next text
                    }
                    out.step(delta, held);
                    held = new ArrayList<>();
                }
                ReplyDelta rest = ReplyDelta.of(parser.finish());
                if (!rest.isEmpty()) {
                    out.step(rest, held);
                    held = new ArrayList<>();
                }
                out.end(held, generation.result());
            } catch (IOException clientGone) {
                generation.cancel();
            } catch (RuntimeException e) {
                if (!out.started()) {
                    throw failure(e);
                }
                out.fail(failure(e));
            }
        }
    }

    /**
     * Runs {@code generation} to its end, closes it and returns the whole reply.
     *
     * @throws ApiError when the engine fails
     */
    public static Whole collect(Generation generation, Tokenizer tokenizer, OutputParser parser) {
        try (generation) {
            List<ParseEvent> events = new ArrayList<>();
            List<Logprob> logprobs = new ArrayList<>();
            try {
                while (generation.hasNext()) {
                    GeneratedToken token = generation.next();
                    events.addAll(parser.feed(token.text()));
                    if (token.logprobs() != null) {
                        logprobs.add(logprob(token.logprobs(), tokenizer));
                    }
                }
                events.addAll(parser.finish());
            } catch (RuntimeException e) {
                throw failure(e);
            }
            return new Whole(ReplyDelta.of(events), logprobs, generation.result());
        }
    }

    /** The native stream: each step one NDJSON object, then the final object with the metrics. */
    private record NdjsonWriter(NdjsonStream out, Shape shape) implements StreamWriter {
        @Override
        public void step(ReplyDelta delta, List<Logprob> logprobs) throws IOException {
            out.write(shape.chunk(delta, logprobs));
        }

        @Override
        public void end(List<Logprob> logprobs, GenerationResult result) throws IOException {
            out.write(shape.last(ReplyDelta.EMPTY, logprobs, result));
        }

        @Override
        public boolean started() {
            return out.started();
        }

        @Override
        public void fail(ApiError error) {
            out.writeError(error.getMessage());
        }
    }

    private static ApiError failure(RuntimeException e) {
        return e instanceof ApiError api ? api : new ApiError(500, message(e), e);
    }

    private static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    static Logprob logprob(TokenLogprobs probabilities, Tokenizer tokenizer) {
        List<Logprob> top = null;
        if (!probabilities.top().isEmpty()) {
            top = new ArrayList<>(probabilities.top().size());
            for (TokenLogprob t : probabilities.top()) {
                top.add(single(t, tokenizer, null));
            }
        }
        return single(probabilities.chosen(), tokenizer, top);
    }

    private static Logprob single(TokenLogprob t, Tokenizer tokenizer, List<Logprob> top) {
        byte[] raw = tokenizer.tokenBytes(t.tokenId());
        int[] bytes = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            bytes[i] = raw[i] & 0xff;
        }
        return new Logprob(new String(raw, StandardCharsets.UTF_8), t.logprob(), bytes.length == 0 ? null : bytes, top);
    }
}
