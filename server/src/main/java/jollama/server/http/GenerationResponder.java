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
 */
final class GenerationResponder {

    /** The endpoint's JSON shapes. */
    interface Shape {
        /** A streamed step of the reply ({@code done:false}). */
        Object chunk(ReplyDelta delta, List<Logprob> logprobs);

        /** The final object: {@code reply} is empty when streaming, the whole reply otherwise. */
        Object last(ReplyDelta reply, List<Logprob> logprobs, GenerationResult result);
    }

    private final Json json;

    GenerationResponder(Json json) {
        this.json = json;
    }

    /** Runs {@code generation} to its end (or the client's departure) and closes it. */
    void respond(Context ctx, Generation generation, Tokenizer tokenizer, boolean stream, OutputParser parser,
                 Shape shape) {
        try (generation) {
            if (stream) {
                stream(ctx, generation, tokenizer, parser, shape);
            } else {
                aggregate(ctx, generation, tokenizer, parser, shape);
            }
        }
    }

    private void stream(Context ctx, Generation generation, Tokenizer tokenizer, OutputParser parser, Shape shape) {
        NdjsonStream out = new NdjsonStream(ctx.res(), json);
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
                out.write(shape.chunk(delta, held));
                held = new ArrayList<>();
            }
            ReplyDelta rest = ReplyDelta.of(parser.finish());
            if (!rest.isEmpty()) {
                out.write(shape.chunk(rest, held));
                held = new ArrayList<>();
            }
            out.write(shape.last(ReplyDelta.EMPTY, held, generation.result()));
        } catch (IOException clientGone) {
            generation.cancel();
        } catch (RuntimeException e) {
            if (!out.started()) {
                throw failure(e);
            }
            out.writeError(message(e));
        }
    }

    private void aggregate(Context ctx, Generation generation, Tokenizer tokenizer, OutputParser parser, Shape shape) {
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
        ctx.status(200).contentType(JollamaServer.JSON).result(json.bytes(shape.last(ReplyDelta.of(events), logprobs,
                generation.result())));
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
