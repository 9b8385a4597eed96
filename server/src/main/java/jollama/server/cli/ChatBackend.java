package jollama.server.cli;

import jollama.engine.chat.ChatMessage;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * What the interactive chat talks to: a model loaded in this process ({@code run FILE.gguf}) or
 * one served by a jollama/Ollama server ({@code run NAME}). The session keeps the conversation;
 * the backend answers one turn at a time and prints the reply as it comes.
 */
interface ChatBackend {

    /** One reply: its content and thinking kept apart, as the history stores them. */
    record Answer(String content, String thinking, boolean cancelled) {
    }

    /**
     * How the session's /set commands ask for the next answer.
     *
     * @param parameters the session's options (/set parameter), over the model's own
     * @param think      null for the model's default, a Boolean, or a level such as "high"
     * @param format     null for free text, "json", or a JSON Schema (--format)
     */
    record Turn(Map<String, Object> parameters, Object think, boolean hideThinking, boolean verbose, Object format) {

        public Turn {
            parameters = Map.copyOf(parameters);
        }
    }

    /**
     * Answers the conversation (whose last message is the user's), printing the reply.
     *
     * @throws IOException              when the answer failed; the session goes on
     * @throws IllegalArgumentException for an option the model refuses; the session goes on
     */
    Answer answer(List<ChatMessage> messages, Turn turn) throws IOException;

    /** Stops the reply being printed, if any; safe from any thread. Returns whether one was. */
    boolean cancel();

    /** {@code /show info}: the model's information tables. */
    void showInfo(PrintStream to) throws IOException;

    /**
     * The texts {@code /show license|modelfile|parameters|system|template} print, with the
     * session's system message and options applied as Ollama's /api/show applies them.
     *
     * @param system     the session's system message, "" for none
     * @param parameters the session's options
     */
    ModelTexts texts(String system, Map<String, Object> parameters) throws IOException;

    /**
     * {@code /load}: checks that {@code model} exists, loads it, and answers with it from now on.
     * On failure the chat stays with the model it had.
     *
     * @param think the session's think setting, for the load to fail at once on a model that
     *              cannot think, as the first answer would
     * @throws jollama.server.client.ApiException with status 404 when there is no such model
     */
    void load(String model, Object think) throws IOException;

    /** {@code /save}: creates the model {@code name} from the current one and the session. */
    void save(String name, SavedSession session) throws IOException;

    /** {@code /list [PREFIX]}: the models there are, as {@code jollama list} prints them. */
    void list(String prefix, PrintStream to) throws IOException;
}
