package jollama.server.http;

import jollama.engine.parse.ParseEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * What a reply gains at one step once the model's output is parsed: visible content, thinking,
 * and the tool calls that finished parsing. Also used for a whole reply (concatenated).
 */
public record ReplyDelta(String content, String thinking, List<ParseEvent.ToolCall> toolCalls) {

    public static final ReplyDelta EMPTY = new ReplyDelta("", "", List.of());

    public static ReplyDelta of(List<ParseEvent> events) {
        if (events.isEmpty()) {
            return EMPTY;
        }
        StringBuilder content = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        List<ParseEvent.ToolCall> calls = new ArrayList<>();
        for (ParseEvent e : events) {
            switch (e) {
                case ParseEvent.Content c -> content.append(c.text());
                case ParseEvent.Thinking t -> thinking.append(t.text());
                case ParseEvent.ToolCall call -> calls.add(call);
            }
        }
        return new ReplyDelta(content.toString(), thinking.toString(), List.copyOf(calls));
    }

    public boolean isEmpty() {
        return content.isEmpty() && thinking.isEmpty() && toolCalls.isEmpty();
    }
}
