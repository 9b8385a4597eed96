package jollama.engine.parse;

import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Numbers the tool calls of one response from 0 and gives each an id {@code call_} + 8 chars of [a-z0-9]
 * (Ollama's {@code toolCallId}). The random source is injected so tests can script the ids.
 */
final class ToolCallSequence {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int ID_LENGTH = 8;

    private final RandomGenerator random;
    private int nextIndex;

    ToolCallSequence(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    ParseEvent.ToolCall next(String name, Map<String, Object> arguments) {
        StringBuilder id = new StringBuilder("call_");
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new ParseEvent.ToolCall(id.toString(), nextIndex++, name, arguments);
    }
}
