package jollama.server.http.openai;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The events of a streamed Responses API reply (ollama-api.md §3.5). Each is written as
 * {@code event: <type>} then {@code data: <json>}; every payload has its {@code type} and a
 * {@code sequence_number} counting from 0.
 */
public sealed interface ResponseStreamEvent {

    String type();

    int sequenceNumber();

    /** {@code response.created}, {@code response.in_progress}, {@code response.completed}. */
    record Lifecycle(String type, int sequenceNumber, ResponseObject response) implements ResponseStreamEvent {
    }

    /** {@code response.output_item.added} and {@code .done}. */
    record Item(String type, int sequenceNumber, int outputIndex, ResponseObject.OutputItem item)
            implements ResponseStreamEvent {
    }

    /** {@code response.content_part.added} and {@code .done}. */
    record ContentPart(String type, int sequenceNumber, String itemId, int outputIndex, int contentIndex,
                       ResponseObject.OutputText part) implements ResponseStreamEvent {
    }

    /** {@code response.output_text.delta}. */
    record TextDelta(String type, int sequenceNumber, String itemId, int outputIndex, int contentIndex, String delta,
                     List<Object> logprobs) implements ResponseStreamEvent {
    }

    /** {@code response.output_text.done}. */
    record TextDone(String type, int sequenceNumber, String itemId, int outputIndex, int contentIndex, String text,
                    List<Object> logprobs) implements ResponseStreamEvent {
    }

    /** {@code response.reasoning_summary_text.delta}. */
    record ReasoningDelta(String type, int sequenceNumber, String itemId, int outputIndex, int summaryIndex,
                          String delta) implements ResponseStreamEvent {
    }

    /** {@code response.reasoning_summary_text.done}. */
    record ReasoningDone(String type, int sequenceNumber, String itemId, int outputIndex, int summaryIndex,
                         String text) implements ResponseStreamEvent {
    }

    /** {@code response.function_call_arguments.delta}. */
    record ArgumentsDelta(String type, int sequenceNumber, String itemId, int outputIndex, String delta)
            implements ResponseStreamEvent {
    }

    /** {@code response.function_call_arguments.done}. */
    record ArgumentsDone(String type, int sequenceNumber, String itemId, int outputIndex, String name,
                         String arguments) implements ResponseStreamEvent {
    }

    /** {@code error}: a failure after the stream began. */
    record Error(String type, int sequenceNumber, @JsonInclude(JsonInclude.Include.ALWAYS) String code,
                 String message, @JsonInclude(JsonInclude.Include.ALWAYS) String param) implements ResponseStreamEvent {
    }
}
