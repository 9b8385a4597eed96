package jollama.server.http;

/**
 * Ends a request early with a bare status and no body: a CORS preflight (204), a refused origin
 * or Host (403). Thrown from the before-handlers; stack-less because it is not an error.
 */
final class Halt extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    Halt(int status) {
        super("HTTP " + status, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
