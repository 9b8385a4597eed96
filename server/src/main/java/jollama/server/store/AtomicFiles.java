package jollama.server.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Crash-safe file replacement: the content goes to a hidden temporary file in the target's own
 * folder, is synced to disk, and is renamed onto the target in one step, after which the folder
 * itself is synced. A crash at any point leaves either the old target or the new one, never a
 * mix, plus at worst a stale temporary file that the startup prune removes.
 */
final class AtomicFiles {

    /** Marks this class's temporary files: {@code .<name>.tmp-<random>}. */
    static final String TEMP_MARK = ".tmp-";

    /** What Ollama gives blobs and manifests: rw-r--r--. */
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");

    /** Writes the content of a file; may throw to abandon the write. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Replaces {@code target} with what {@code content} writes; on any failure the target is untouched. */
    static void write(Path target, Content content) throws IOException {
        write(target, content, true);
    }

    /**
     * Like {@link #write(Path, Content)}; with {@code durable} false the file and its folder are
     * not synced: still all-or-nothing after a process crash, for files that are cheap to lose
     * after a power cut (download progress).
     */
    static void write(Path target, Content content, boolean durable) throws IOException {
        Path temp = newTempFile(target.getParent(), target.getFileName().toString());
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                content.writeTo(out);
                out.flush();
                if (durable) {
                    channel.force(true);
                }
            }
            if (durable) {
                moveIntoPlace(temp, target);
            } else {
                setFileMode(temp);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Creates an empty hidden temporary file next to where {@code baseName} will live. */
    static Path newTempFile(Path dir, String baseName) throws IOException {
        Files.createDirectories(dir);
        for (int attempt = 0; ; attempt++) {
            byte[] random = new byte[8];
            ThreadLocalRandom.current().nextBytes(random);
            Path temp = dir.resolve("." + baseName + TEMP_MARK + HexFormat.of().formatHex(random));
            try {
                return Files.createFile(temp);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw e;
                }
            }
        }
    }

    /** Whether a file name is one of this class's temporary files. */
    static boolean isTempName(String fileName) {
        return fileName.startsWith(".") && fileName.contains(TEMP_MARK);
    }

    /** Gives {@code temp} the store's file mode, renames it onto {@code target} atomically and syncs the folder. */
    static void moveIntoPlace(Path temp, Path target) throws IOException {
        setFileMode(temp);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // same folder, so this only happens on exotic file systems; a plain replace is the best left
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(target.getParent());
    }

    static void setFileMode(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, FILE_MODE);
        }
    }

    /** Makes a rename or delete in {@code dir} durable. Not every platform can open a folder; then it is a no-op. */
    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open folders; its renames are durable enough without this
        }
    }
}
