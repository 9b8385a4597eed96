package jollama.server.http.openai;

import jollama.engine.parse.ParseEvent;
import jollama.server.http.ReplyDelta;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a Responses API reply from parsed steps (ollama-api.md §3.5): the stream's events in
 * their order — created, in_progress; a reasoning item (added, summary deltas, done); a message
 * item (added, content part added, text deltas, text done, part done, item done) or function
 * call items (added, arguments delta and done, item done); completed — or the whole response
 * object. One instance per reply.
 */
final class ResponseEvents {

    private enum Open { NONE, REASONING, MESSAGE }

    private final String id;
    private final long createdAt;
    private final ResponseObject.Echo echo;
    private final String messageId = Ids.next("msg_");
    private final String reasoningId = Ids.next("rs_");
    private final List<ResponseObject.OutputItem> output = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private Open open = Open.NONE;
    private int sequence;

    ResponseEvents(String id, long createdAt, ResponseObject.Echo echo) {
        this.id = id;
        this.createdAt = createdAt;
        this.echo = echo;
    }

    /** {@code response.created} and {@code response.in_progress}. */
    List<ResponseStreamEvent> start() {
        ResponseObject inProgress = ResponseObject.of(id, createdAt, null, "in_progress", echo, List.of(), null);
        return List.of(new ResponseStreamEvent.Lifecycle("response.created", sequence++, inProgress),
                new ResponseStreamEvent.Lifecycle("response.in_progress", sequence++, inProgress));
    }

    List<ResponseStreamEvent> step(ReplyDelta delta) {
        List<ResponseStreamEvent> out = new ArrayList<>();
        if (!delta.thinking().isEmpty()) {
            if (open != Open.REASONING) {
                close(out);
                open = Open.REASONING;
                out.add(new ResponseStreamEvent.Item("response.output_item.added", sequence++, output.size(),
                        ResponseObject.Reasoning.of(reasoningId, null)));
            }
            thinking.append(delta.thinking());
            out.add(new ResponseStreamEvent.ReasoningDelta("response.reasoning_summary_text.delta", sequence++,
                    reasoningId, output.size(), 0, delta.thinking()));
        }
        if (!delta.content().isEmpty()) {
            if (open != Open.MESSAGE) {
                close(out);
                open = Open.MESSAGE;
                out.add(new ResponseStreamEvent.Item("response.output_item.added", sequence++, output.size(),
                        ResponseObject.Message.of(messageId, "in_progress", List.of())));
                out.add(new ResponseStreamEvent.ContentPart("response.content_part.added", sequence++, messageId,
                        output.size(), 0, ResponseObject.OutputText.of("")));
            }
            text.append(delta.content());
            out.add(new ResponseStreamEvent.TextDelta("response.output_text.delta", sequence++, messageId,
                    output.size(), 0, delta.content(), List.of()));
        }
        for (ParseEvent.ToolCall call : delta.toolCalls()) {
            close(out);
            ResponseObject.FunctionCall done = functionCall(call);
            int index = output.size();
            out.add(new ResponseStreamEvent.Item("response.output_item.added", sequence++, index,
                    ResponseObject.FunctionCall.of(done.id(), "in_progress", done.callId(), done.name(), "")));
            out.add(new ResponseStreamEvent.ArgumentsDelta("response.function_call_arguments.delta", sequence++,
                    done.id(), index, done.arguments()));
            out.add(new ResponseStreamEvent.ArgumentsDone("response.function_call_arguments.done", sequence++,
                    done.id(), index, done.name(), done.arguments()));
            out.add(new ResponseStreamEvent.Item("response.output_item.done", sequence++, index, done));
            output.add(done);
        }
        return out;
    }

    /** Closes the open item and ends with {@code response.completed}, holding the whole response. */
    List<ResponseStreamEvent> end(Usage usage) {
        List<ResponseStreamEvent> out = new ArrayList<>();
        close(out);
        out.add(new ResponseStreamEvent.Lifecycle("response.completed", sequence++, completed(List.copyOf(output), usage)));
        return out;
    }

    /** The {@code error} event of a stream that failed after it began. */
    ResponseStreamEvent error(String message) {
        return new ResponseStreamEvent.Error("error", sequence++, null, message, null);
    }

    /** The whole response of an unstreamed reply: reasoning, then the message (if any text, or no call), then the calls. */
    ResponseObject whole(ReplyDelta reply, Usage usage) {
        List<ResponseObject.OutputItem> items = new ArrayList<>();
        if (!reply.thinking().isEmpty()) {
            items.add(ResponseObject.Reasoning.of(reasoningId, reply.thinking()));
        }
        if (!reply.content().isEmpty() || reply.toolCalls().isEmpty()) {
            items.add(ResponseObject.Message.of(messageId, "completed",
                    List.of(ResponseObject.OutputText.of(reply.content()))));
        }
        for (ParseEvent.ToolCall call : reply.toolCalls()) {
            items.add(functionCall(call));
        }
        return completed(items, usage);
    }

    private ResponseObject completed(List<ResponseObject.OutputItem> items, Usage usage) {
        return ResponseObject.of(id, createdAt, Ids.now(), "completed", echo, items,
                ResponseObject.ResponseUsage.of(usage));
    }

    /** The item id follows the call id ({@code call_x} → {@code fc_x}), so calls of one reply never share one. */
    private static ResponseObject.FunctionCall functionCall(ParseEvent.ToolCall call) {
        ToolCallJson json = ToolCallJson.of(call);
        String itemId = "fc_" + (call.id().startsWith("call_") ? call.id().substring(5) : call.id());
        return ResponseObject.FunctionCall.of(itemId, "completed", call.id(), call.name(), json.function().arguments());
    }

    private void close(List<ResponseStreamEvent> out) {
        switch (open) {
            case REASONING -> {
                out.add(new ResponseStreamEvent.ReasoningDone("response.reasoning_summary_text.done", sequence++,
                        reasoningId, output.size(), 0, thinking.toString()));
                ResponseObject.Reasoning item = ResponseObject.Reasoning.of(reasoningId, thinking.toString());
                out.add(new ResponseStreamEvent.Item("response.output_item.done", sequence++, output.size(), item));
                output.add(item);
            }
            case MESSAGE -> {
                ResponseObject.OutputText part = ResponseObject.OutputText.of(text.toString());
                out.add(new ResponseStreamEvent.TextDone("response.output_text.done", sequence++, messageId,
                        output.size(), 0, text.toString(), List.of()));
                out.add(new ResponseStreamEvent.ContentPart("response.content_part.done", sequence++, messageId,
                        output.size(), 0, part));
                ResponseObject.Message item = ResponseObject.Message.of(messageId, "completed", List.of(part));
                out.add(new ResponseStreamEvent.Item("response.output_item.done", sequence++, output.size(), item));
                output.add(item);
            }
            case NONE -> {
            }
        }
        open = Open.NONE;
    }
}
