package jollama.engine.parse;

import java.util.List;

/**
 * The parsing Ollama applies to template models without a built-in parser: optional thinking extraction
 * ({@link ThinkingTagParser}, when think is on and the template has thinking tags) whose content then goes
 * through optional tool-call parsing ({@link JsonToolCallParser}, when the request has tools). With neither,
 * the text passes through as content.
 */
public final class GenericOutputParser implements OutputParser {

    private final ThinkingTagParser thinking;
    private final JsonToolCallParser tools;
    private final EventSink sink = new EventSink();
    private boolean finished;

    /**
     * @param thinking the thinking stage, or null for none
     * @param tools    the tool-call stage, or null for none
     */
    public GenericOutputParser(ThinkingTagParser thinking, JsonToolCallParser tools) {
        this.thinking = thinking;
        this.tools = tools;
    }

    /** Everything is content. */
    public static GenericOutputParser passthrough() {
        return new GenericOutputParser(null, null);
    }

    @Override
    public List<ParseEvent> feed(String piece) {
        if (finished) {
            throw new IllegalStateException("parser already finished");
        }
        route(thinking == null ? List.of(new ParseEvent.Content(piece)) : thinking.feed(piece));
        return sink.drain();
    }

    @Override
    public List<ParseEvent> finish() {
        if (finished) {
            throw new IllegalStateException("parser already finished");
        }
        finished = true;
        if (thinking != null) {
            route(thinking.finish());
        }
        if (tools != null) {
            tools.finish().forEach(sink::add);
        }
        return sink.drain();
    }

    /** Passes thinking through and content on to the tool stage. */
    private void route(List<ParseEvent> events) {
        for (ParseEvent event : events) {
            if (tools != null && event instanceof ParseEvent.Content(String text)) {
                tools.feed(text).forEach(sink::add);
            } else {
                sink.add(event);
            }
        }
    }
}
