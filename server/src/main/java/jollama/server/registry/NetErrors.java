package jollama.server.registry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/** Readable messages for failed requests, shaped like Go's {@code Get "<url>": <reason>}. */
final class NetErrors {

    private NetErrors() {
    }

    static String describe(String method, URI uri, Throwable error) {
        String verb = method.substring(0, 1).toUpperCase(Locale.ROOT) + method.substring(1).toLowerCase(Locale.ROOT);
        return verb + " \"" + uri + "\": " + reason(error);
    }

    static String reason(Throwable error) {
        if (error instanceof HttpStatusException) {
            return error.getMessage();
        }
        if (error instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (error instanceof HttpTimeoutException) {
            return "timed out waiting for the response";
        }
        if (error instanceof ConnectException) {
            return "connection refused";
        }
        if (error instanceof UnknownHostException || error instanceof UnresolvedAddressException) {
            return "no such host";
        }
        if (error instanceof NoRouteToHostException) {
            return "no route to host";
        }
        String message = error.getMessage();
        if ((message == null || message.isBlank()) && error.getCause() != null && error.getCause() != error) {
            return reason(error.getCause()); // a wrapper without words of its own
        }
        if (message == null || message.isBlank()) {
            return error instanceof IOException ? "connection closed" : error.getClass().getSimpleName();
        }
        return message;
    }

    /** A full disk: retrying cannot help (Java has no errno, so the OS message is all there is). */
    static boolean isNoSpace(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            String message = e.getMessage();
            if (message != null && message.contains("No space left on device")) {
                return true;
            }
            if (e.getCause() == e) {
                break;
            }
        }
        return false;
    }
}
