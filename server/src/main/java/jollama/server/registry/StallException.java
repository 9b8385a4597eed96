package jollama.server.registry;

import java.io.IOException;

/** A part that stopped receiving data; it is restarted without using up an attempt (§5). */
final class StallException extends IOException {

    private static final long serialVersionUID = 1L;

    StallException(String message) {
        super(message);
    }
}
