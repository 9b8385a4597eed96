package jollama.engine.gotemplate;

/**
 * A Go byte slice ({@code []byte}, such as Ollama's {@code ImageData}): prints as a list of
 * numbers, marshals to base64, and is null when nil.
 */
record GoBytes(GoType type, byte[] bytes) {

    int length() {
        return bytes == null ? 0 : bytes.length;
    }
}
