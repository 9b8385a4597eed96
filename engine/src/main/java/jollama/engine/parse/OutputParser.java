package jollama.engine.parse;

import java.util.List;

/**
 * Turns the text a model generates, fed piece by piece as it is detokenised, into content, thinking and
 * tool calls. Pieces may be cut anywhere, even inside a tag; text that might still turn out to be part of
 * a tag is held back until the next piece decides it, and {@link #finish()} gives back what is still held.
 *
 * <p>One instance serves one response: tool-call indices count from 0 per instance. Not thread-safe.
 * The closed set of implementations lets the server pick one per model: {@link Qwen3OutputParser} for
 * models with the Qwen3 built-in parser, {@link GenericOutputParser} (template-inferred thinking tags
 * and/or the JSON tool-call scanner) for the rest.
 */
public sealed interface OutputParser
        permits Qwen3OutputParser, ThinkingTagParser, JsonToolCallParser, GenericOutputParser {

    /**
     * Takes the next piece of generated text and returns the events it completes, in order. Adjacent text
     * of the same kind is merged, and no event carries empty text.
     *
     * @throws OutputParseException when the output cannot be parsed (the response must end with an error)
     * @throws IllegalStateException after {@link #finish()} or after a parse failure
     */
    List<ParseEvent> feed(String piece);

    /**
     * Ends the response: returns the events for text still held back (a partial tag, trailing whitespace,
     * an unclosed block). After this the parser accepts nothing more.
     */
    List<ParseEvent> finish();
}
