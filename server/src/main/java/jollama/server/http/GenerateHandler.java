package jollama.server.http;

import jollama.engine.gotemplate.OllamaPromptTemplate;
import io.javalin.http.Context;
import jollama.engine.Model;
import jollama.engine.chat.ChatMessage;
import jollama.engine.generate.Generation;
import jollama.engine.parse.OutputParser;
import jollama.engine.structured.JsonConstraint;
import jollama.engine.generate.GenerationResult;
import jollama.engine.sampling.GenerationOptions;
import jollama.engine.tokenizer.Tokenizer;
import jollama.models.ContextOverflowException;
import jollama.server.http.api.GenerateRequest;
import jollama.server.http.api.GenerateResponse;
import jollama.server.http.api.Logprob;
import jollama.server.http.catalog.CatalogMessage;
import jollama.server.http.catalog.CatalogModel;
import jollama.server.http.sched.KeepAlive;
import jollama.server.http.sched.Lease;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /api/generate}, in the order of checks of ollama-api.md §1.2. The OpenAI layer runs
 * its completions through {@link #generate} with its own {@link ReplyFormat}.
 */
public final class GenerateHandler {

    private final Json json;
    private final ModelAccess models;
    private final GenerationResponder responder;

    GenerateHandler(Json json, ModelAccess models) {
        this.json = json;
        this.models = models;
        this.responder = new GenerationResponder(json);
    }

    void handle(Context ctx) {
        long start = System.nanoTime();
        GenerateRequest req = json.parseBody(ctx.bodyAsBytes(), GenerateRequest.class);
        generate(ctx, req, start, nativeFormat(req, start));
    }

    /**
     * Runs a generate request, writing the reply in {@code format}.
     *
     * @param start when the request arrived ({@link System#nanoTime()})
     * @throws ApiError for every failure before the reply starts
     */
    public void generate(Context ctx, GenerateRequest req, long start, ReplyFormat format) {
        KeepAlive keepAlive = RequestValues.keepAlive(req.keepAlive());
        Boolean think = RequestValues.think(req.think());
        int topLogprobs = RequestValues.topLogprobs(req.topLogprobs());

        if (req.model().isEmpty()) {
            throw ApiError.notFound("model '' not found");
        }
        CatalogModel model = models.inferenceModel(req.model());

        if (req.prompt().isEmpty() && keepAlive != null && keepAlive.isZero()) {
            models.scheduler().unload(model);
            format.synthetic(ctx, "unload");
            return;
        }
        boolean raw = Boolean.TRUE.equals(req.raw());
        if (raw && (!req.template().isEmpty() || !req.system().isEmpty() || req.context() != null)) {
            throw ApiError.badRequest("raw mode does not support template, system, or context");
        }
        ModelFacts facts = models.facts(model);
        if (!facts.has(ModelFacts.COMPLETION)) {
            throw ApiError.badRequest("\"" + req.model() + "\" does not support generate");
        }
        if (!req.suffix().isEmpty() && !facts.has(ModelFacts.INSERT)) {
            throw ApiError.badRequest(model.fullName() + " does not support insert");
        }
        if (Boolean.TRUE.equals(think) && !facts.has(ModelFacts.THINKING)) {
            throw ApiError.badRequest("\"" + req.model() + "\" does not support thinking");
        }

        JsonConstraint structured = StructuredFormats.of(req.format());
        // a structured reply starts with its JSON: the model is not asked to think first
        Boolean promptThink = structured != null ? Boolean.FALSE : think;
        GenerationOptions options = models.options(model, req.options());
        try (Lease lease = models.lease(model, options, keepAlive)) {
            long loadNanos = System.nanoTime() - start;
            if (req.prompt().isEmpty()) {
                format.synthetic(ctx, "load");
                return;
            }
            Model engine = lease.model();
            PromptBuilder.Prompt prompt = prompt(engine, model, req, raw, promptThink,
                    raw ? null : models.templates().goTemplate(model, req.template(), engine));
            Generation generation = start(engine, prompt, options, Boolean.TRUE.equals(req.logprobs()), topLogprobs,
                    structured);
            lease.started();
            OutputParser parser = ReplyParsers.forReply(engine, prompt, !raw && engine.info().hasChatTemplate(),
                    promptThink);
            format.generated(ctx, generation, engine.tokenizer(), parser, loadNanos);
        }
    }

    /** Ollama's own reply: NDJSON chunks then the metrics and context, or one object (§1.2). */
    private ReplyFormat nativeFormat(GenerateRequest req, long start) {
        boolean raw = Boolean.TRUE.equals(req.raw());
        return new ReplyFormat() {
            @Override
            public void synthetic(Context ctx, String doneReason) {
                reply(ctx, GenerateResponse.synthetic(req.model(), now(), doneReason));
            }

            @Override
            public void generated(Context ctx, Generation generation, Tokenizer tokenizer, OutputParser parser,
                                  long loadNanos) {
                boolean stream = !Boolean.FALSE.equals(req.stream());
                responder.respond(ctx, generation, tokenizer, stream, parser, new GenerationResponder.Shape() {
                    @Override
                    public Object chunk(ReplyDelta delta, List<Logprob> logprobs) {
                        return new GenerateResponse(req.model(), now(), delta.content(), thinking(delta), false, null,
                                null, null, null, null, null, null, null, logprobs);
                    }

                    @Override
                    public Object last(ReplyDelta reply, List<Logprob> logprobs, GenerationResult r) {
                        return new GenerateResponse(req.model(), now(), reply.content(), thinking(reply), true,
                                r.doneReason().apiName(),
                                raw ? null : r.context(), positive(System.nanoTime() - start), positive(loadNanos),
                                positive(r.promptEvalCount()), positive(r.promptEvalNanos()), positive(r.evalCount()),
                                positive(r.evalNanos()), logprobs);
                    }
                });
            }
        };
    }

    /**
     * §1.2 step 9: raw text as is; else the system (the request's, or the model's), the model's
     * MESSAGE history (unless a context continues an earlier reply) and the prompt as a user
     * message, rendered by the template, after the detokenized context.
     */
    private static PromptBuilder.Prompt prompt(Model engine, CatalogModel model, GenerateRequest req, boolean raw,
                                               Boolean think, OllamaPromptTemplate goTemplate) {
        if (raw || (goTemplate == null && !engine.info().hasChatTemplate())) {
            String prefix = raw ? "" : contextText(engine, req.context());
            return PromptBuilder.raw(engine, prefix + req.prompt());
        }
        List<ChatMessage> messages = new ArrayList<>();
        String system = !req.system().isEmpty() ? req.system() : model.system();
        if (system != null && !system.isEmpty()) {
            messages.add(ChatMessage.system(system));
        }
        if (req.context() == null) {
            for (CatalogMessage m : model.messages()) {
                messages.add(new ChatMessage(m.role(), m.content(), null, List.of(), null));
            }
        }
        messages.add(ChatMessage.user(req.prompt()));
        return PromptBuilder.chat(engine, goTemplate, messages, List.of(), think,
                !Boolean.FALSE.equals(req.truncate()), contextText(engine, req.context()));
    }

    private static String contextText(Model engine, List<Integer> context) {
        if (context == null || context.isEmpty()) {
            return "";
        }
        int vocab = engine.tokenizer().vocabulary().size();
        int[] ids = new int[context.size()];
        for (int i = 0; i < ids.length; i++) {
            Integer id = context.get(i);
            if (id == null || id < 0 || id >= vocab) {
                throw ApiError.badRequest("invalid context: token id " + id + " is outside the vocabulary");
            }
            ids[i] = id;
        }
        return engine.tokenizer().decode(ids);
    }

    static Generation start(Model engine, PromptBuilder.Prompt prompt, GenerationOptions options, boolean logprobs,
                            int topLogprobs, JsonConstraint structured) {
        try {
            return engine.generate(prompt.tokens(), options, logprobs || topLogprobs > 0 ? topLogprobs : -1,
                    structured);
        } catch (ContextOverflowException e) {
            throw PromptBuilder.tooLong();
        }
    }

    private void reply(Context ctx, Object body) {
        ctx.status(200).contentType(JollamaServer.JSON).result(json.bytes(body));
    }

    private static String thinking(ReplyDelta delta) {
        return delta.thinking().isEmpty() ? null : delta.thinking();
    }

    static String now() {
        return Timestamps.utc(Instant.now());
    }

    static Long positive(long v) {
        return v > 0 ? v : null;
    }

    static Integer positive(int v) {
        return v > 0 ? v : null;
    }
}
