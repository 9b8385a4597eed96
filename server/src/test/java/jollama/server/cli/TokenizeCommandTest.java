package jollama.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jollama.models.testmodel.TestModelConfig;
import jollama.models.testmodel.TestModelFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jollama tokenize} against llama.cpp's llama-tokenize ids (golden/tokenize-cases.json):
 * without --special control tokens are plain text, with it they are their ids; Qwen3 adds no BOS.
 */
class TokenizeCommandTest {

    @TempDir
    static Path dir;

    static String model;
    static JsonNode cases;

    @BeforeAll
    static void load() throws IOException {
        model = TestModelFiles.get(TestModelConfig.TINY, "q4_k_m").toString();
        try (InputStream in = TokenizeCommandTest.class.getResourceAsStream("/golden/tokenize-cases.json")) {
            cases = new ObjectMapper().readTree(in).get("cases");
        }
    }

    @Test
    void printsLlamaCppIdsAsAJsonArray() throws IOException {
        for (JsonNode c : cases) {
            String text = c.get("text").asText();
            CliHarness.Run run = CliHarness.run("tokenize", model, "--", text);
            assertEquals(0, run.exit(), run.err());
            assertEquals(1, run.out().lines().count(), "one line for " + text);
            assertEquals(ids(c.get("ids")), ids(new ObjectMapper().readTree(run.out())), text);
        }
    }

    @Test
    void specialParsesControlTokens() throws IOException {
        for (JsonNode c : cases) {
            String text = c.get("text").asText();
            CliHarness.Run run = CliHarness.run("tokenize", model, "--special", "--", text);
            assertEquals(0, run.exit(), run.err());
            assertEquals(ids(c.get("ids_parse_special")), ids(new ObjectMapper().readTree(run.out())), text);
        }
    }

    @Test
    void usesLlamaTokenizeLayout() {
        CliHarness.Run run = CliHarness.run("tokenize", model, "Hello world");
        assertEquals("[9707, 1879]" + System.lineSeparator(), run.out());
    }

    @Test
    void aMissingFileIsOneErrorLine() {
        Path missing = dir.resolve("missing.gguf");
        CliHarness.Run run = CliHarness.run("tokenize", missing.toString(), "hi");
        assertEquals(1, run.exit());
        assertEquals(1, run.errorLines().size(), run.err());
        assertTrue(run.errorLines().getFirst().contains(missing.toString()), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void aTextFileIsNotAModel() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.gguf"), "these are not the weights you are looking for\n");
        CliHarness.Run run = CliHarness.run("tokenize", text.toString(), "hi");
        assertEquals(1, run.exit());
        assertEquals(1, run.errorLines().size(), run.err());
        assertTrue(run.errorLines().getFirst().contains("not a GGUF file"), run.err());
    }

    static String ids(JsonNode array) {
        return array.toString();
    }
}
