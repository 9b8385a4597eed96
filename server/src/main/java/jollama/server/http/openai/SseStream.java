package jollama.server.http.openai;

import jakarta.servlet.http.HttpServletResponse;
import jollama.server.http.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A Server-Sent Events reply ({@code text/event-stream}): each event is {@code data: <json>\n\n},
 * optionally after an {@code event: <type>} line, flushed at once so that the client sees every
 * token as it comes. The status line goes out with the first event; until then a failure can
 * still be an ordinary JSON error.
 */
final class SseStream {

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    private final HttpServletResponse response;
    private final Json json;
    private OutputStream out;
    private boolean broken;

    SseStream(HttpServletResponse response, Json json) {
        this.response = response;
        this.json = json;
    }

    /** Whether anything has been written (an error must then be an event, not a status). */
    boolean started() {
        return out != null;
    }

    /**
     * Writes {@code data: <json>\n\n}.
     *
     * @throws IOException when the client has gone away
     */
    void data(Object value) throws IOException {
        send(frame(null, json.bytes(value)));
    }

    /** Writes {@code event: <type>\ndata: <json>\n\n} (the Responses API names its events). */
    void event(String type, Object value) throws IOException {
        send(frame(type, json.bytes(value)));
    }

    /** The chat and completions terminator, {@code data: [DONE]}. */
    void done() throws IOException {
        send(DONE);
    }

    /** A failure after the stream began: {@code data: {"error":{...}}}, then nothing more; ignored if the client is gone. */
    void error(int status, String message) {
        try {
            data(OpenAiError.of(status, message));
        } catch (IOException e) {
            // nobody is listening any more
        }
    }

    private static byte[] frame(String type, byte[] payload) {
        byte[] head = ((type == null ? "" : "event: " + type + "\n") + "data: ").getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[head.length + payload.length + 2];
        System.arraycopy(head, 0, frame, 0, head.length);
        System.arraycopy(payload, 0, frame, head.length, payload.length);
        frame[frame.length - 2] = '\n';
        frame[frame.length - 1] = '\n';
        return frame;
    }

    private void send(byte[] bytes) throws IOException {
        if (broken) {
            throw new IOException("the client went away");
        }
        try {
            if (out == null) {
                response.setStatus(200);
                response.setContentType("text/event-stream");
                response.setHeader("Cache-Control", "no-cache");
                out = response.getOutputStream();
            }
            out.write(bytes);
            out.flush();
        } catch (IOException | RuntimeException e) {
            // Jetty reports a vanished client as EofException (an IOException), sometimes wrapped
            broken = true;
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }
}
