package jollama.server.http;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A streamed reply (§0.1): one JSON object per line, {@code application/x-ndjson}, each line
 * flushed at once so that the client sees every token as it comes (chunked encoding). The status
 * line goes out with the first object; until then an error can still be an ordinary JSON error.
 */
public final class NdjsonStream {

    private final HttpServletResponse response;
    private final Json json;
    private OutputStream out;
    private boolean broken;

    public NdjsonStream(HttpServletResponse response, Json json) {
        this.response = response;
        this.json = json;
    }

    /** Whether anything has been written (an error must then be a last line, not a status). */
    public boolean started() {
        return out != null;
    }

    /**
     * Writes one object and flushes it.
     *
     * @throws IOException when the client has gone away (the connection is reset or closed)
     */
    public void write(Object value) throws IOException {
        if (broken) {
            throw new IOException("the client went away");
        }
        byte[] line = json.bytes(value);
        try {
            if (out == null) {
                response.setStatus(200);
                response.setContentType("application/x-ndjson");
                out = response.getOutputStream();
            }
            out.write(line);
            out.write('\n');
            out.flush();
        } catch (IOException | RuntimeException e) {
            // Jetty reports a vanished client as EofException (an IOException), sometimes wrapped
            broken = true;
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /** The last line of a stream that failed after it began: {@code {"error": "..."}}; ignored if the client is gone. */
    public void writeError(String message) {
        try {
            write(new jollama.server.http.api.ErrorResponse(message));
        } catch (IOException e) {
            // nobody is listening any more
        }
    }
}
