package jollama.server.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;

/**
 * Where Ollama keeps its registry key: {@code id_ed25519} (mode 0600) and {@code id_ed25519.pub}
 * (0644) in the Ollama home, {@code ~/.ollama}. Loads the key, and creates it when missing so
 * that no reader ever sees half a file and two processes creating it at once end up with one key.
 */
public final class RegistryKeyFiles {

    static final String PRIVATE_NAME = "id_ed25519";
    static final String PUBLIC_NAME = PRIVATE_NAME + ".pub";
    /** A key file is a few hundred bytes; a huge file there is not a key and is not read whole. */
    private static final long MAX_KEY_FILE = 64 * 1024;
    private static final Set<PosixFilePermission> PRIVATE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PUBLIC_MODE = PosixFilePermissions.fromString("rw-r--r--");

    private final Path home;

    /** @param ollamaHome the folder that holds the key files ({@code ~/.ollama}) */
    public RegistryKeyFiles(Path ollamaHome) {
        this.home = Objects.requireNonNull(ollamaHome, "ollamaHome");
    }

    /**
     * The key files of a user: {@code <home>/.ollama}. Ollama keeps them there even when
     * {@code OLLAMA_MODELS} moves the models elsewhere, so they do not follow the store.
     */
    public static RegistryKeyFiles inUserHome(Path userHome) {
        return new RegistryKeyFiles(userHome.resolve(".ollama"));
    }

    public Path privateKeyPath() {
        return home.resolve(PRIVATE_NAME);
    }

    public Path publicKeyPath() {
        return home.resolve(PUBLIC_NAME);
    }

    /** Whether the private key file is there (readable or not: Ollama too only creates a missing one). */
    public boolean exists() {
        return Files.exists(privateKeyPath());
    }

    /**
     * Reads the private key.
     *
     * @throws IOException when it is missing, unreadable, or not an unencrypted ed25519 key; the
     *                     message names the file
     */
    public RegistryKey load() throws IOException {
        Path path = privateKeyPath();
        if (Files.size(path) > MAX_KEY_FILE) {
            throw new IOException(path + ": too large to be a private key");
        }
        String text = Files.readString(path, StandardCharsets.ISO_8859_1);
        try {
            return RegistryKey.parse(text);
        } catch (IOException e) {
            throw new IOException(path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates a new key pair and returns the key then in place: this one, or the one of another
     * process that created it at the same moment.
     *
     * @throws IOException when the home cannot be written
     */
    public RegistryKey create() throws IOException {
        Files.createDirectories(home);
        Path temp = newTempFile(PRIVATE_NAME, PRIVATE_MODE);
        try {
            writeSynced(temp, RegistryKey.generate().privateKeyText());
            publishIfAbsent(temp, privateKeyPath());
        } finally {
            Files.deleteIfExists(temp);
        }
        RegistryKey key = load();
        writePublicKey(key);
        return key;
    }

    /** The key, created first when there is none. */
    public RegistryKey loadOrCreate() throws IOException {
        if (!exists()) {
            return create();
        }
        RegistryKey key = load();
        if (!Files.exists(publicKeyPath())) {
            try {
                // a crash between the two files of create(), or a deleted .pub: the key is
                // usable without it, so a home that cannot be written is no reason to fail
                writePublicKey(key);
            } catch (IOException ignored) {
                // the signature needs only the private key
            }
        }
        return key;
    }

    private void writePublicKey(RegistryKey key) throws IOException {
        Path temp = newTempFile(PUBLIC_NAME, PUBLIC_MODE);
        try {
            writeSynced(temp, key.publicKeyLine() + "\n");
            Files.move(temp, publicKeyPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory();
    }

    /**
     * Puts {@code temp}'s content at {@code target} unless something is there already. A hard
     * link never replaces, so of two processes creating the key at once the first wins and both
     * go on with its key; a rename would leave one of them holding a key that is no longer on disk.
     */
    private void publishIfAbsent(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            return; // another process was first: its key is the one used
        } catch (UnsupportedOperationException | FileSystemException e) {
            // no hard links on this file system: an atomic rename is the best left
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
        syncDirectory();
    }

    /** A hidden temporary file beside the target, with the target's mode from the start. */
    private Path newTempFile(String name, Set<PosixFilePermission> mode) throws IOException {
        if (home.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(home, "." + name + ".", ".tmp", PosixFilePermissions.asFileAttribute(mode));
        }
        return Files.createTempFile(home, "." + name + ".", ".tmp");
    }

    private static void writeSynced(Path file, String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
    }

    /** Makes the new names durable; not every platform can open a folder, and then this does nothing. */
    private void syncDirectory() {
        try (FileChannel channel = FileChannel.open(home, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open folders; its renames are durable enough without this
        }
    }

    @Override
    public String toString() {
        return "RegistryKeyFiles[" + home + "]";
    }
}
