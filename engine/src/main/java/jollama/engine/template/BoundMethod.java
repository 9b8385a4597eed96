package jollama.engine.template;

/** A method looked up on a value, e.g. {@code message.content.startswith}, waiting to be called. */
record BoundMethod(Object receiver, String name) {
}
