package jollama.server.cli;

import jollama.engine.chat.ChatMessage;
import jollama.server.client.ApiMessage;
import jollama.server.client.CreateRequest;

import java.util.List;
import java.util.Map;

/**
 * What {@code /save} keeps of a chat: the system message set with {@code /set system}, the
 * conversation, and the options set with {@code /set parameter}.
 *
 * @param system     "" when the session set none (the model's own then stays)
 * @param messages   the conversation, system messages included, as the session holds it
 * @param parameters the session's options
 */
record SavedSession(String system, List<ChatMessage> messages, Map<String, Object> parameters) {

    SavedSession {
        messages = List.copyOf(messages);
        parameters = Map.copyOf(parameters);
    }

    /**
     * The {@code /api/create} request for a model {@code name} built on {@code from}: SYSTEM, one
     * MESSAGE per turn, PARAMETERs. System messages go to SYSTEM only: the server puts the
     * model's SYSTEM before its MESSAGEs, so a system MESSAGE as well would be said twice.
     * Thinking is left out, as a Modelfile's MESSAGE has no place for it.
     */
    CreateRequest toCreateRequest(String name, String from) {
        List<ApiMessage> turns = messages.stream()
                .filter(m -> !m.role().equals("system"))
                .map(m -> new ApiMessage(m.role(), m.content()))
                .toList();
        return new CreateRequest(name, from, null, null, system.isEmpty() ? null : system, null, parameters, turns,
                null, null, null, null);
    }
}
