package jollama.server.cli;

import jollama.engine.Model;
import jollama.engine.chat.ChatMessage;
import jollama.engine.sampling.GenerationOptions;
import jollama.models.testmodel.TestModelConfig;
import jollama.models.testmodel.TestModelFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jollama run MODEL.gguf [PROMPT]} once, not at a terminal: the answer is what the engine
 * generates for the prompt as a single user message, followed by a blank line (as
 * {@code ollama run} prints it); piped stdin is the prompt, or goes before it; --verbose prints
 * Ollama's timing block on stderr; failures are one {@code Error:} line and exit code 1.
 */
class RunCommandTest {

    static final int TOKENS = 8;
    /** Greedy and short, so that the answer is the engine's, token for token. */
    static final String GREEDY = "num_predict=" + TOKENS + ",temperature=0";

    @TempDir
    static Path dir;

    static Path modelPath;
    static Model model;

    @BeforeAll
    static void load() throws IOException {
        modelPath = TestModelFiles.get(TestModelConfig.TINY, "q4_k_m");
        model = Model.open(modelPath);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** What the engine answers to one user message, greedily. */
    static String engineAnswer(String prompt) {
        GenerationOptions options = GenerationOptions.defaults()
                .withOverrides(Map.of("num_predict", TOKENS, "temperature", 0));
        return model.chat(List.of(ChatMessage.user(prompt)), options).run(t -> { }).text();
    }

    @Test
    void aPromptIsAnsweredAndTheProgramExits() {
        CliHarness.Run run = CliHarness.withStdin("", "run", modelPath.toString(), "Why is the sky blue?",
                "--parameter", GREEDY);
        assertEquals(0, run.exit(), run.err());
        String answer = engineAnswer("Why is the sky blue?");
        assertFalse(answer.isBlank(), "the tiny model says something");
        assertEquals(answer + "\n\n", run.out().replace(System.lineSeparator(), "\n"));
        assertEquals("", run.err(), "no spinner, no timings without --verbose");
    }

    @Test
    void wordsAfterTheModelAreOnePrompt() {
        CliHarness.Run run = CliHarness.withStdin("", "run", modelPath.toString(), "Why", "is", "the", "sky", "blue?",
                "--parameter", GREEDY);
        assertEquals(0, run.exit(), run.err());
        assertEquals(engineAnswer("Why is the sky blue?") + "\n\n", run.out().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void pipedStdinIsThePrompt() {
        CliHarness.Run run = CliHarness.withStdin("hello there\n", "run", modelPath.toString(), "--parameter", GREEDY);
        assertEquals(0, run.exit(), run.err());
        assertEquals(engineAnswer("hello there\n") + "\n\n", run.out().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void pipedStdinGoesBeforeThePrompt() {
        CliHarness.Run run = CliHarness.withStdin("some text\n", "run", modelPath.toString(), "Summarize this.",
                "--parameter", GREEDY);
        assertEquals(0, run.exit(), run.err());
        assertEquals(engineAnswer("some text\n Summarize this.") + "\n\n",
                run.out().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void verbosePrintsOllamasTimingBlock() {
        CliHarness.Run run = CliHarness.withStdin("", "run", modelPath.toString(), "Hello", "--verbose",
                "--parameter", GREEDY);
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.err().lines().toList();
        String duration = "\\d+(\\.\\d+)?(ns|µs|ms|s)|\\d+m\\d+(\\.\\d+)?s";
        List<Pattern> expected = List.of(
                Pattern.compile("total duration:       (" + duration + ")"),
                Pattern.compile("load duration:        (" + duration + ")"),
                Pattern.compile("prompt eval count:    \\d+ token\\(s\\)"),
                Pattern.compile("prompt eval duration: (" + duration + ")"),
                Pattern.compile("prompt eval rate:     \\d+\\.\\d\\d tokens/s"),
                Pattern.compile("eval count:           " + TOKENS + " token\\(s\\)"),
                Pattern.compile("eval duration:        (" + duration + ")"),
                Pattern.compile("eval rate:            \\d+\\.\\d\\d tokens/s"));
        assertEquals(expected.size(), lines.size(), run.err());
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(expected.get(i).matcher(lines.get(i)).matches(), lines.get(i));
        }
    }

    @Test
    void aMissingModelFileIsOneErrorLine() {
        Path missing = dir.resolve("nowhere.gguf");
        CliHarness.Run run = CliHarness.withStdin("", "run", missing.toString(), "hi");
        assertEquals(1, run.exit());
        assertEquals(List.of("Error: no model file at " + missing), run.err().lines().toList());
        assertEquals("", run.out());
    }

    @Test
    void aTextFileIsNotAModel() throws IOException {
        Path text = Files.writeString(dir.resolve("model.gguf"), "hello, I am a text file\n");
        CliHarness.Run run = CliHarness.withStdin("", "run", text.toString(), "hi");
        assertEquals(1, run.exit());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("Error: ") && run.err().contains("not a GGUF file"), run.err());
    }

    @Test
    void aPromptLongerThanTheContextIsOneErrorLine() {
        CliHarness.Run run = CliHarness.withStdin("", "run", modelPath.toString(), "word ".repeat(100),
                "--parameter", "num_ctx=32");
        assertEquals(1, run.exit());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("Error: ") && run.err().contains("too long"), run.err());
    }

    @Test
    void aParameterOfTheWrongKindIsOneErrorLine() {
        CliHarness.Run run = CliHarness.withStdin("", "run", modelPath.toString(), "hi",
                "--parameter", "temperature=hot");
        assertEquals(1, run.exit());
        assertEquals(1, run.errorLines().size(), run.err());
        assertTrue(run.errorLines().getFirst().contains("temperature"), run.err());
    }

    @Test
    void anUnknownParameterIsRefused() {
        CliHarness.Run run = CliHarness.withStdin("", "run", modelPath.toString(), "hi", "--parameter", "warmth=3");
        assertEquals(1, run.exit());
        assertEquals(List.of("Error: unknown parameter 'warmth'"), run.errorLines());
    }
}
