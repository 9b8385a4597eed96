package jollama.server.store;

/** A digest that is not {@code sha256:} followed by 64 lowercase hex digits. */
public final class InvalidDigestException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    InvalidDigestException(String text) {
        super("invalid digest format: \"" + text + "\"");
    }
}
