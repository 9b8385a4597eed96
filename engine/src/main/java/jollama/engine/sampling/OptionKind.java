package jollama.engine.sampling;

/**
 * The JSON shapes an option value may take. {@link #typeName} is the word Ollama puts in its
 * "must be of type ..." error, which clients may show verbatim.
 */
enum OptionKind {
    INTEGER("integer"),
    FLOAT("float32"),
    BOOLEAN("boolean"),
    STRING_ARRAY("array");

    private final String typeName;

    OptionKind(String typeName) {
        this.typeName = typeName;
    }

    String typeName() {
        return typeName;
    }
}
