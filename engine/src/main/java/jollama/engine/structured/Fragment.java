package jollama.engine.structured;

/**
 * A piece of an {@link Nfa} with one way in and one way out: what a schema node or a piece of
 * JSON syntax compiles to. Fragments are joined by epsilon edges from {@code out} to the next
 * {@code in}.
 */
record Fragment(int in, int out) {
}
