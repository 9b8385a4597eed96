package jollama.engine.template;

/** A global function of transformers' Jinja environment: namespace, range, dict, raise_exception. */
record Builtin(String name) {
}
