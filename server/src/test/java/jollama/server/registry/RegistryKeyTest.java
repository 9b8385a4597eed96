package jollama.server.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Ollama key pair: its two files, their OpenSSH formats, and what it signs (§5, §7). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RegistryKeyTest {

    @TempDir
    Path home;

    private RegistryKeyFiles files() {
        return new RegistryKeyFiles(home.resolve(".ollama"));
    }

    @Test
    void aCreatedKeyIsReloadedFromItsFiles() throws IOException {
        RegistryKeyFiles files = files();
        assertFalse(files.exists());
        RegistryKey created = files.create();

        assertTrue(files.exists());
        String pub = Files.readString(files.publicKeyPath());
        assertEquals(created.publicKeyLine() + "\n", pub, "the .pub is one authorized_keys line, as Ollama writes it");
        assertTrue(pub.startsWith("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI"), pub);
        String text = Files.readString(files.privateKeyPath());
        assertTrue(text.startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n"), text);
        assertTrue(text.endsWith("-----END OPENSSH PRIVATE KEY-----\n"), text);

        RegistryKey loaded = files.load();
        assertArrayEquals(created.publicKey(), loaded.publicKey());
        byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(created.sign(data), loaded.sign(data), "Ed25519 is deterministic: same key, same signature");
        assertArrayEquals(created.publicKey(), files.loadOrCreate().publicKey());
        try (var listing = Files.list(home.resolve(".ollama"))) {
            assertEquals(List.of("id_ed25519", "id_ed25519.pub"), listing.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file is left");
        }
    }

    @Test
    void thePrivateKeyIsOwnerOnly() throws IOException {
        assumeTrue(home.getFileSystem().supportedFileAttributeViews().contains("posix"));
        RegistryKeyFiles files = files();
        files.create();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(files.privateKeyPath())));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(files.publicKeyPath())));
    }

    @Test
    void creatingAgainKeepsTheKeyInPlace() throws IOException {
        RegistryKeyFiles files = files();
        RegistryKey first = files.create();
        RegistryKey second = files.create();
        assertArrayEquals(first.publicKey(), second.publicKey(), "an existing key is never replaced");
        assertArrayEquals(first.publicKey(), files.load().publicKey());
    }

    @Test
    void loadOrCreateMakesAMissingKeyAndRestoresAMissingPub() throws IOException {
        RegistryKeyFiles files = files();
        RegistryKey key = files.loadOrCreate();
        Files.delete(files.publicKeyPath());
        assertArrayEquals(key.publicKey(), files.loadOrCreate().publicKey());
        assertEquals(key.publicKeyLine() + "\n", Files.readString(files.publicKeyPath()));
    }

    @Test
    void theSignatureVerifiesWithTheJdkAgainstThePubFile() throws IOException {
        RegistryKeyFiles files = files();
        RegistryKey key = files.create();
        byte[] data = "GET,https://ollama.com/token?nonce=x&scope=s&service=ollama.com&ts=1,abc".getBytes(StandardCharsets.UTF_8);

        String authorization = key.authorization(data);
        String pubLine = Files.readString(files.publicKeyPath());
        String[] parts = authorization.split(":");
        assertEquals(2, parts.length, authorization);
        assertEquals(pubLine.split(" ")[1].strip(), parts[0], "the header's key is the .pub line's base64 field");
        byte[] signature = Base64.getDecoder().decode(parts[1]);
        assertEquals(64, signature.length, "the raw Ed25519 signature, not an SSH signature blob");

        byte[] publicKey = JdkEd25519.keyOfPubLine(pubLine);
        assertTrue(JdkEd25519.verify(publicKey, data, signature));
        data[0] = 'P';
        assertFalse(JdkEd25519.verify(publicKey, data, signature));
    }

    @Test
    void aKeyWrittenBySshKeygenIsRead() throws Exception {
        assumeTrue(hasSshKeygen(), "ssh-keygen is not installed");
        RegistryKeyFiles files = files();
        Files.createDirectories(home.resolve(".ollama"));
        sshKeygen("-q", "-t", "ed25519", "-N", "", "-C", "someone@somewhere", "-f", files.privateKeyPath().toString());

        RegistryKey key = files.load();
        String pub = Files.readString(files.publicKeyPath());
        String[] fields = pub.strip().split(" ");
        assertEquals(fields[0] + " " + fields[1], key.publicKeyLine());
        byte[] data = "data".getBytes(StandardCharsets.UTF_8);
        assertTrue(JdkEd25519.verify(JdkEd25519.keyOfPubLine(pub), data, key.sign(data)));
    }

    @Test
    void sshKeygenAcceptsTheKeyWeWrite() throws Exception {
        assumeTrue(hasSshKeygen(), "ssh-keygen is not installed");
        RegistryKeyFiles files = files();
        RegistryKey key = files.create();
        String derived = sshKeygen("-y", "-f", files.privateKeyPath().toString()).strip();
        String[] fields = derived.split(" ");
        assertEquals(key.publicKeyLine(), fields[0] + " " + fields[1]);
    }

    @Test
    void aPassphraseProtectedKeyIsRefusedClearly() throws Exception {
        assumeTrue(hasSshKeygen(), "ssh-keygen is not installed");
        RegistryKeyFiles files = files();
        Files.createDirectories(home.resolve(".ollama"));
        sshKeygen("-q", "-t", "ed25519", "-N", "secret phrase", "-f", files.privateKeyPath().toString());
        IOException e = assertThrows(IOException.class, files::load);
        assertTrue(e.getMessage().contains(files.privateKeyPath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("passphrase"), e.getMessage());
    }

    @Test
    void anotherKeyTypeIsRefusedClearly() throws Exception {
        assumeTrue(hasSshKeygen(), "ssh-keygen is not installed");
        RegistryKeyFiles files = files();
        Files.createDirectories(home.resolve(".ollama"));
        sshKeygen("-q", "-t", "ecdsa", "-N", "", "-f", files.privateKeyPath().toString());
        IOException e = assertThrows(IOException.class, files::load);
        assertTrue(e.getMessage().contains("ecdsa-sha2-nistp256") && e.getMessage().contains("only ssh-ed25519"), e.getMessage());
    }

    @Test
    void aPemKeyIsRefusedClearly() throws IOException {
        RegistryKeyFiles files = files();
        Files.createDirectories(home.resolve(".ollama"));
        Files.writeString(files.privateKeyPath(), "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n");
        IOException e = assertThrows(IOException.class, files::load);
        assertTrue(e.getMessage().contains("not an OpenSSH private key (-----BEGIN PRIVATE KEY-----)"), e.getMessage());
    }

    @Test
    void aKeyWhoseHalvesDoNotBelongTogetherIsRefused() throws IOException {
        RegistryKeyFiles files = files();
        Files.createDirectories(home.resolve(".ollama"));
        OpenSshKeyFormat.KeyBytes a = OpenSshKeyFormat.decodePrivateKey(RegistryKey.generate().privateKeyText());
        OpenSshKeyFormat.KeyBytes b = OpenSshKeyFormat.decodePrivateKey(RegistryKey.generate().privateKeyText());
        Files.writeString(files.privateKeyPath(),
                OpenSshKeyFormat.encodePrivateKey(new OpenSshKeyFormat.KeyBytes(a.seed(), b.publicKey()), 7));
        IOException e = assertThrows(IOException.class, files::load);
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    @Test
    void aTruncatedKeyIsAnErrorNotACrash() throws IOException {
        RegistryKeyFiles files = files();
        String text = RegistryKey.generate().privateKeyText();
        String[] lines = text.split("\n");
        StringBuilder cut = new StringBuilder(lines[0]).append('\n').append(lines[1]).append('\n').append(lines[lines.length - 1]);
        Files.createDirectories(home.resolve(".ollama"));
        Files.writeString(files.privateKeyPath(), cut);
        IOException e = assertThrows(IOException.class, files::load);
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void aHomeThatCannotBeWrittenFailsWithAnIOException() throws IOException {
        Path notAFolder = Files.writeString(home.resolve("file"), "x");
        RegistryKeyFiles files = new RegistryKeyFiles(notAFolder.resolve(".ollama"));
        assertThrows(IOException.class, files::loadOrCreate);
    }

    private static boolean hasSshKeygen() {
        try {
            Process p = new ProcessBuilder("ssh-keygen", "-?").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(10, TimeUnit.SECONDS);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String sshKeygen(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ssh-keygen"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "ssh-keygen did not finish");
        assertEquals(0, p.exitValue(), "ssh-keygen " + String.join(" ", args) + ": " + output);
        return output;
    }
}
