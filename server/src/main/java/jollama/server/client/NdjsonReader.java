package jollama.server.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The objects of a streamed reply (§0.1): one JSON object a line. A line {@code {"error":"..."}}
 * ends the stream with an {@link ApiException}, as Ollama's client turns it into an error.
 * {@link #close()} may be called from another thread to stop reading (Ctrl-C).
 */
final class NdjsonReader implements Closeable {

    private final BufferedReader lines;
    private final ObjectMapper json;
    private final int status;

    NdjsonReader(InputStream in, ObjectMapper json, int status) {
        this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.json = json;
        this.status = status;
    }

    /** The next object, or null at the end of the stream. */
    JsonNode next() throws IOException {
        String line;
        do {
            line = lines.readLine();
            if (line == null) {
                return null;
            }
        } while (line.isBlank());
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IOException("the server sent a line that is not JSON: " + abbreviate(line), e);
        }
        JsonNode error = node.get("error");
        if (error != null && !error.isNull()) {
            throw new ApiException(status, error.isTextual() ? error.asText() : error.toString());
        }
        return node;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }

    private static String abbreviate(String line) {
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
