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
     * Answers the conversation (whose last message is the user's), printing the reply.
     *
     * @param parameters the session's options (/set parameter), over the model's own
     * @param think      null for the model's default
     * @throws IOException              when the answer failed; the session goes on
     * @throws IllegalArgumentException for an option the model refuses; the session goes on
     */
    Answer answer(List<ChatMessage> messages, Map<String, Object> parameters, Boolean think, boolean hideThinking,
                  boolean verbose) throws IOException;

    /** Stops the reply being printed, if any; safe from any thread. Returns whether one was. */
    boolean cancel();

    /** {@code /show info}: the model's information tables. */
    void showInfo(PrintStream to) throws IOException;

    /** {@code /show template}: the prompt template, or null when the model has none. */
    String template() throws IOException;
}
