package jollama.gguf;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that is not a well-formed GGUF file (or uses a feature jollama does not read).
 * The message names the file, the byte offset where reading went wrong and what was wrong.
 */
public class GGUFFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    public GGUFFormatException(Path file, long offset, String problem) {
        super(file + ": at byte " + offset + ": " + problem);
        this.file = file;
        this.offset = offset;
    }

    /** The file that was being read. */
    public Path file() {
        return file;
    }

    /** The byte offset in the file where the problem was found. */
    public long offset() {
        return offset;
    }
}
