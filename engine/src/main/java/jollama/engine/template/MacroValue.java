package jollama.engine.template;

/** A defined macro together with the scope it was defined in, which its body sees. */
record MacroValue(Node.Macro definition, Scope closure) {
}
