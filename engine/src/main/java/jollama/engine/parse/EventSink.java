package jollama.engine.parse;

import java.util.ArrayList;
import java.util.List;

/** Collects the events of one feed, merging adjacent text of the same kind and dropping empty text. */
final class EventSink {

    private final List<ParseEvent> events = new ArrayList<>();

    void content(String text) {
        if (text.isEmpty()) {
            return;
        }
        if (!events.isEmpty() && events.getLast() instanceof ParseEvent.Content(String previous)) {
            events.set(events.size() - 1, new ParseEvent.Content(previous + text));
        } else {
            events.add(new ParseEvent.Content(text));
        }
    }

    void thinking(String text) {
        if (text.isEmpty()) {
            return;
        }
        if (!events.isEmpty() && events.getLast() instanceof ParseEvent.Thinking(String previous)) {
            events.set(events.size() - 1, new ParseEvent.Thinking(previous + text));
        } else {
            events.add(new ParseEvent.Thinking(text));
        }
    }

    void add(ParseEvent event) {
        switch (event) {
            case ParseEvent.Content(String text) -> content(text);
            case ParseEvent.Thinking(String text) -> thinking(text);
            case ParseEvent.ToolCall call -> events.add(call);
        }
    }

    boolean hasToolCall() {
        return events.stream().anyMatch(e -> e instanceof ParseEvent.ToolCall);
    }

    /** Drops the content events gathered so far (the generic tool parser clears content in a chunk with calls). */
    void dropContent() {
        events.removeIf(e -> e instanceof ParseEvent.Content);
    }

    /** Returns the events gathered since the last drain and starts afresh. */
    List<ParseEvent> drain() {
        List<ParseEvent> out = List.copyOf(events);
        events.clear();
        return out;
    }
}
