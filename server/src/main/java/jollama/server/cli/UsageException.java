package jollama.server.cli;

/** A command line that does not make sense; the message is shown with the command's usage. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
