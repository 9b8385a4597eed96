package jollama.models;

/** More tokens than a sequence has room for. */
public final class ContextOverflowException extends ModelException {
    public ContextOverflowException(int have, int adding, int capacity) {
        super("the input is too long: " + (have + adding) + " tokens do not fit in the context of " + capacity
                + (have > 0 ? " (" + have + " already used)" : ""));
    }
}
