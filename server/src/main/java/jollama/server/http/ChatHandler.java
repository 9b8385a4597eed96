package jollama.server.http;

import io.javalin.http.Context;
import jollama.engine.Model;
import jollama.engine.chat.ChatMessage;
import jollama.engine.chat.ToolCall;
import jollama.engine.generate.Generation;
import jollama.engine.parse.OutputParser;
import jollama.engine.structured.JsonConstraint;
import jollama.engine.parse.ParseEvent;
import jollama.engine.generate.GenerationResult;
import jollama.engine.sampling.GenerationOptions;
import jollama.engine.tokenizer.Tokenizer;
import jollama.server.http.api.ApiMessage;
import jollama.server.http.api.ApiToolCall;
import jollama.server.http.api.ChatRequest;
import jollama.server.http.api.ChatResponse;
import jollama.server.http.api.Logprob;
import jollama.server.http.api.ResponseMessage;
import jollama.server.http.catalog.CatalogMessage;
import jollama.server.http.catalog.CatalogModel;
import jollama.server.http.sched.KeepAlive;
import jollama.server.http.sched.Lease;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /api/chat}, in the order of checks of ollama-api.md §1.3. The OpenAI layer runs its
 * chat requests through {@link #chat} with its own {@link ReplyFormat}.
 */
public final class ChatHandler {

    private final Json json;
    private final ModelAccess models;
    private final GenerationResponder responder;

    ChatHandler(Json json, ModelAccess models) {
        this.json = json;
        this.models = models;
        this.responder = new GenerationResponder(json);
    }

    void handle(Context ctx) {
        long start = System.nanoTime();
        ChatRequest req = json.parseBody(ctx.bodyAsBytes(), ChatRequest.class);
        chat(ctx, req, start, nativeFormat(req, start));
    }

    /**
     * Runs a chat request, writing the reply in {@code format}.
     *
     * @param start when the request arrived ({@link System#nanoTime()})
     * @throws ApiError for every failure before the reply starts
     */
    public void chat(Context ctx, ChatRequest req, long start, ReplyFormat format) {
        KeepAlive keepAlive = RequestValues.keepAlive(req.keepAlive());
        Boolean think = RequestValues.think(req.think());
        int topLogprobs = RequestValues.topLogprobs(req.topLogprobs());

        if (req.model().isEmpty()) {
            throw ApiError.badRequest("model is required");
        }
        CatalogModel model = models.inferenceModel(req.model());

        if (req.messages().isEmpty() && keepAlive != null && keepAlive.isZero()) {
            models.scheduler().unload(model);
            format.synthetic(ctx, "unload");
            return;
        }
        ModelFacts facts = models.facts(model);
        if (!facts.has(ModelFacts.COMPLETION)) {
            throw ApiError.badRequest("\"" + req.model() + "\" does not support chat");
        }
        if (!req.tools().isEmpty() && !facts.has(ModelFacts.TOOLS)) {
            throw ApiError.badRequest(model.fullName() + " does not support tools");
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
            if (req.messages().isEmpty()) {
                format.synthetic(ctx, "load");
                return;
            }
            Model engine = lease.model();
            List<ChatMessage> messages = PromptBuilder.filterThinkTags(assemble(model, req.messages()),
                    facts.architecture(), model.name());
            PromptBuilder.Prompt prompt = PromptBuilder.chat(engine, models.templates().goTemplate(model, null, engine),
                    messages, req.tools(), promptThink, !Boolean.FALSE.equals(req.truncate()), "");
            Generation generation = GenerateHandler.start(engine, prompt, options, Boolean.TRUE.equals(req.logprobs()),
                    topLogprobs, structured);
            lease.started();
            OutputParser parser = ReplyParsers.forReply(engine, prompt, true, promptThink);
            format.generated(ctx, generation, engine.tokenizer(), parser, loadNanos);
        }
    }

    /** Ollama's own reply: NDJSON chunks then the metrics, or one object (§1.3). */
    private ReplyFormat nativeFormat(ChatRequest req, long start) {
        return new ReplyFormat() {
            @Override
            public void synthetic(Context ctx, String doneReason) {
                reply(ctx, ChatResponse.synthetic(req.model(), GenerateHandler.now(), doneReason));
            }

            @Override
            public void generated(Context ctx, Generation generation, Tokenizer tokenizer, OutputParser parser,
                                  long loadNanos) {
                boolean stream = !Boolean.FALSE.equals(req.stream());
                responder.respond(ctx, generation, tokenizer, stream, parser, new GenerationResponder.Shape() {
                    @Override
                    public Object chunk(ReplyDelta delta, List<Logprob> logprobs) {
                        return new ChatResponse(req.model(), GenerateHandler.now(), message(delta), false, null, null,
                                null, null, null, null, null, logprobs);
                    }

                    @Override
                    public Object last(ReplyDelta reply, List<Logprob> logprobs, GenerationResult r) {
                        return new ChatResponse(req.model(), GenerateHandler.now(), message(reply), true,
                                r.doneReason().apiName(), GenerateHandler.positive(System.nanoTime() - start),
                                GenerateHandler.positive(loadNanos), GenerateHandler.positive(r.promptEvalCount()),
                                GenerateHandler.positive(r.promptEvalNanos()), GenerateHandler.positive(r.evalCount()),
                                GenerateHandler.positive(r.evalNanos()), logprobs);
                    }
                });
            }
        };
    }

    /**
     * The model's MESSAGE history, then the request's messages; the model's SYSTEM goes first
     * only when the request does not start with a system message of its own.
     */
    static List<ChatMessage> assemble(CatalogModel model, List<ApiMessage> request) {
        List<ChatMessage> out = new ArrayList<>();
        if (model.system() != null && !model.system().isEmpty()
                && (request.isEmpty() || !request.getFirst().role().equals("system"))) {
            out.add(ChatMessage.system(model.system()));
        }
        for (CatalogMessage m : model.messages()) {
            out.add(new ChatMessage(m.role(), m.content(), null, List.of(), null));
        }
        for (ApiMessage m : request) {
            out.add(toEngine(m));
        }
        return out;
    }

    private static ChatMessage toEngine(ApiMessage m) {
        List<ToolCall> calls = new ArrayList<>();
        for (ApiToolCall call : m.toolCalls()) {
            if (call != null && call.function() != null && call.function().name() != null) {
                calls.add(new ToolCall(call.function().name(), call.function().arguments()));
            }
        }
        return new ChatMessage(m.role(), m.content(), m.thinking(), calls, m.toolName());
    }

    /** The assistant message of a reply step: tool arguments stay a JSON object natively. */
    static ResponseMessage message(ReplyDelta delta) {
        List<ApiToolCall> calls = new ArrayList<>(delta.toolCalls().size());
        for (ParseEvent.ToolCall call : delta.toolCalls()) {
            calls.add(new ApiToolCall(call.id(), new ApiToolCall.Function(call.index(), call.name(), call.arguments())));
        }
        return new ResponseMessage("assistant", delta.content(), delta.thinking().isEmpty() ? null : delta.thinking(),
                calls);
    }

    private void reply(Context ctx, Object body) {
        ctx.status(200).contentType(JollamaServer.JSON).result(json.bytes(body));
    }
}
