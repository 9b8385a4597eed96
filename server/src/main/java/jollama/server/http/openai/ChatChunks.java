package jollama.server.http.openai;

import jollama.engine.generate.GenerationResult;
import jollama.server.http.ReplyDelta;
import jollama.server.http.api.Logprob;

import java.util.ArrayList;
import java.util.List;

/**
 * The chunks of one streamed chat reply, in the order OpenAI clients expect (ollama-api.md §3.1):
 * {@code role} on the first chunk only; a step with both thinking and an answer split into a
 * reasoning chunk, then a content (or tool-call) chunk; a finish chunk with {@code delta:{}}; the
 * usage chunk. Every chunk has the same {@code id} and {@code created}. One instance per reply.
 */
final class ChatChunks {

    private static final String OBJECT = "chat.completion.chunk";

    private final String id;
    private final long created;
    private final String model;
    private boolean first = true;
    private boolean toolCallsSent;

    ChatChunks(String id, long created, String model) {
        this.id = id;
        this.created = created;
        this.model = model;
    }

    /** The chunks for one parsed step (empty steps are never passed in). */
    List<ChatCompletionChunk> step(ReplyDelta delta, List<Logprob> logprobs) {
        List<ChatCompletionChunk> out = new ArrayList<>(2);
        boolean answer = !delta.content().isEmpty() || !delta.toolCalls().isEmpty();
        ChatLogprobs lp = ChatLogprobs.of(logprobs);
        if (!delta.thinking().isEmpty()) {
            out.add(chunk(new ChatCompletionChunk.Delta(role(), null, delta.thinking(), null), null, answer ? null : lp));
        }
        if (answer) {
            List<ToolCallJson> calls = ToolCallJson.of(delta.toolCalls());
            toolCallsSent |= calls != null;
            out.add(chunk(new ChatCompletionChunk.Delta(role(), delta.content(), null, calls), null, lp));
        }
        return out;
    }

    /**
     * The finish chunk: {@code delta:{}} (with the role, if nothing came before) and the
     * finish reason; it carries the log-probabilities of tokens whose text was never shown.
     */
    ChatCompletionChunk finish(String doneReason, List<Logprob> logprobs) {
        return chunk(new ChatCompletionChunk.Delta(role(), null, null, null),
                finishReason(doneReason, toolCallsSent), ChatLogprobs.of(logprobs));
    }

    /** The {@code stream_options.include_usage} chunk: no choices, the counts. */
    ChatCompletionChunk usage(GenerationResult result) {
        return new ChatCompletionChunk(id, OBJECT, created, model, OpenAiRoutes.FINGERPRINT, List.of(),
                Usage.of(result));
    }

    /**
     * {@code tool_calls} when the model stopped by itself after calling tools; otherwise Ollama's
     * done reason ({@code stop}, {@code length}).
     */
    static String finishReason(String doneReason, boolean toolCalls) {
        String reason = doneReason == null || doneReason.isEmpty() ? "stop" : doneReason;
        return toolCalls && reason.equals("stop") ? "tool_calls" : reason;
    }

    private String role() {
        if (first) {
            first = false;
            return "assistant";
        }
        return null;
    }

    private ChatCompletionChunk chunk(ChatCompletionChunk.Delta delta, String finishReason, ChatLogprobs logprobs) {
        return new ChatCompletionChunk(id, OBJECT, created, model, OpenAiRoutes.FINGERPRINT,
                List.of(new ChatCompletionChunk.Choice(0, delta, finishReason, logprobs)), null);
    }
}
