package jollama.engine.parse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What an {@link OutputParser} makes of generated text. */
public sealed interface ParseEvent {

    /** Answer text, for {@code message.content} / {@code response}. */
    record Content(String text) implements ParseEvent {
        public Content {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Reasoning text, for {@code message.thinking} / {@code thinking}. */
    record Thinking(String text) implements ParseEvent {
        public Thinking {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A completed tool call. {@code index} counts from 0 within the response; {@code id} is
     * {@code call_} plus 8 characters of [a-z0-9]; {@code arguments} keeps the key order the model wrote
     * (nested objects are {@link LinkedHashMap}s, arrays are lists, numbers are Integer/Long/BigInteger for
     * integers and Double otherwise, as Jackson reads them).
     */
    record ToolCall(String id, int index, String name, Map<String, Object> arguments) implements ParseEvent {
        public ToolCall {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        }

        /** The call as a chat-history entry (id and index are not part of the prompt). */
        public jollama.engine.chat.ToolCall toChatToolCall() {
            return new jollama.engine.chat.ToolCall(name, arguments);
        }
    }
}
