package jollama.server.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A streaming POST on a raw socket, to read some lines of the reply and then drop the connection
 * the way a killed client does (an HTTP client library would close it politely).
 */
public record StreamingExchange(Socket socket, BufferedReader reader) implements AutoCloseable {

    /** Sends the request; the caller reads lines and closes the exchange. */
    public static StreamingExchange open(int port, String path, String body, int timeoutMillis) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(timeoutMillis);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return new StreamingExchange(socket,
                new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)));
    }

    /** The next JSON line of the chunked body (chunk-size lines skipped), or null at the end. */
    public String nextJsonLine() throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith("{")) {
                return line;
            }
        }
        return null;
    }

    /** Resets the connection, as a client that is killed would. */
    @Override
    public void close() throws IOException {
        if (!socket.isClosed()) {
            socket.setSoLinger(true, 0);
            socket.close();
        }
    }
}
