package jollama.server.cli;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The model file a command is given, checked before anything is loaded so the error names it plainly. */
final class ModelFiles {

    private ModelFiles() {
    }

    static Path existing(String argument) throws FileNotFoundException {
        Path path = Path.of(argument);
        if (Files.isDirectory(path)) {
            throw new FileNotFoundException(path + " is a directory, not a model file");
        }
        if (!Files.isRegularFile(path)) {
            throw new FileNotFoundException("no model file at " + path);
        }
        return path;
    }
}
