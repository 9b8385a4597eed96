package jollama.server.http.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jollama.engine.parse.ParseEvent;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A tool call in OpenAI's shape: {@code {"id","index","type":"function","function":{"name","arguments"}}},
 * where {@code arguments} is a JSON <em>string</em> (an object natively). The same shape serves
 * whole messages and stream deltas, where {@code index} tells calls apart.
 */
public record ToolCallJson(String id, int index, String type, Function function) {

    public record Function(String name, String arguments) {
    }

    /** Plain Jackson writes the arguments compactly, in the order the model wrote them; never reconfigured. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static ToolCallJson of(ParseEvent.ToolCall call) {
        try {
            return new ToolCallJson(call.id(), call.index(), "function",
                    new Function(call.name(), MAPPER.writeValueAsString(call.arguments())));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The calls, or null for none (the field is then left out). */
    static List<ToolCallJson> of(List<ParseEvent.ToolCall> calls) {
        if (calls.isEmpty()) {
            return null;
        }
        List<ToolCallJson> out = new ArrayList<>(calls.size());
        for (ParseEvent.ToolCall call : calls) {
            out.add(of(call));
        }
        return out;
    }
}
