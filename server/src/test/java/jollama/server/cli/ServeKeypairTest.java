package jollama.server.cli;

import jollama.server.registry.RegistryKeyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code serve} creates the Ollama key pair when it is missing, in Ollama's words (§7). */
class ServeKeypairTest {

    @TempDir
    Path home;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private void initialize(RegistryKeyFiles keys) {
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            ServeCommand.initializeKeypair(keys, o, e);
        }
    }

    @Test
    void aMissingKeyIsCreatedAndItsPublicHalfShown() throws IOException {
        RegistryKeyFiles keys = RegistryKeyFiles.inUserHome(home);
        initialize(keys);

        Path privateKey = home.resolve(".ollama").resolve("id_ed25519");
        String pub = Files.readString(home.resolve(".ollama").resolve("id_ed25519.pub"));
        assertTrue(Files.exists(privateKey));
        assertEquals("Couldn't find '" + privateKey + "'. Generating new private key.\n"
                + "Your new public key is: \n\n" + pub + "\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anExistingKeyIsLeftAloneSilently() throws IOException {
        RegistryKeyFiles keys = RegistryKeyFiles.inUserHome(home);
        String line = keys.create().publicKeyLine();
        initialize(keys);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals(line, keys.load().publicKeyLine());
    }

    @Test
    void aHomeThatCannotHoldTheKeyOnlyWarns() throws IOException {
        Path notAFolder = Files.writeString(home.resolve("file"), "x");
        initialize(RegistryKeyFiles.inUserHome(notAFolder));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("warning: could not create the registry key: "),
                err.toString(StandardCharsets.UTF_8));
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("Your new public key"));
    }
}
