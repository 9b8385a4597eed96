package jollama.engine.gotemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Messages as Ollama's templates see them: its templateMessage and templateToolCall structs. */
final class MessageValues {

    private MessageValues() {
    }

    static GoSlice messages(List<TemplateMessage> messages) {
        List<Object> structs = new ArrayList<>();
        for (TemplateMessage message : messages) {
            structs.add(message(message));
        }
        return new GoSlice(OllamaTypes.MESSAGES, structs);
    }

    private static GoStruct message(TemplateMessage m) {
        List<Object> images = new ArrayList<>();
        for (byte[] image : m.images()) {
            images.add(new GoBytes(OllamaTypes.IMAGE_DATA, image.clone()));
        }
        List<Object> calls = new ArrayList<>();
        for (TemplateToolCall call : m.toolCalls()) {
            calls.add(OllamaTypes.TOOL_CALL.of(call.id(),
                    OllamaTypes.TOOL_CALL_FUNCTION.of((long) call.index(), call.name(), arguments(call.arguments()))));
        }
        // Go leaves these slices nil when empty; only json can tell, but it can.
        return OllamaTypes.MESSAGE.of(m.role(), m.content(), m.thinking(),
                new GoSlice(OllamaTypes.IMAGES, images.isEmpty() ? null : images),
                new GoSlice(OllamaTypes.TOOL_CALLS, calls.isEmpty() ? null : calls),
                m.toolName(), m.toolCallId());
    }

    /** templateArgs: a plain Go map of the decoded JSON values (so keys sort), nil without arguments. */
    private static GoMap arguments(Map<String, Object> arguments) {
        if (arguments == null) {
            return new GoMap(OllamaTypes.ARGS, null, false, null);
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        arguments.forEach((k, v) -> entries.put(k, GoValues.fromJson(v)));
        return new GoMap(OllamaTypes.ARGS, entries, false, null);
    }
}
