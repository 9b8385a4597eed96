package jollama.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jollama.engine.chat.ChatMessage;
import jollama.server.client.Cancellation;
import jollama.server.client.GenerateRequest;
import jollama.server.client.OllamaClient;
import jollama.server.client.RunningModel;
import jollama.server.client.ServedStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jollama run NAME} through the server (ollama-api.md §7): one-shot answers via
 * {@code /api/generate}, a model the server lacks pulled first, embedding models, and the
 * interactive chat over {@code /api/chat} with the same session loop as the in-process run.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RunClientTest {

    private static final Map<String, Object> GREEDY = Map.of("num_predict", 6, "temperature", 0);
    private static final String GREEDY_FLAG = "num_predict=6,temperature=0";

    @TempDir
    static Path root;

    static ServedStore served;
    static ServerCli cli;
    static OllamaClient client;

    /** What the interactive sessions print. */
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws IOException {
        served = new ServedStore(root);
        served.addModel("tiny", ServedStore.chatModel(), null, null);
        served.addModel("tiny-embed", ServedStore.embedModel(), null, null);
        cli = new ServerCli(served.env());
        client = OllamaClient.fromEnvironment(served.env());
    }

    @AfterAll
    static void stop() {
        served.close();
    }

    /** What the server generates for the prompt with the same options, think off. */
    static String serverAnswer(String model, String prompt) throws IOException {
        StringBuilder text = new StringBuilder();
        client.generate(new GenerateRequest(model, prompt, GREEDY, false, null, null, null),
                c -> text.append(c.content()), new Cancellation());
        return text.toString();
    }

    @Test
    void aPromptIsAnsweredOnceThroughTheServer() throws IOException {
        CliHarness.Run run = cli.run("run", "tiny", "Hello", "there", "--nothink", "--parameter", GREEDY_FLAG);
        assertEquals(0, run.exit(), run.err());
        assertEquals(serverAnswer("tiny", "Hello there") + "\n\n", run.out());
        assertEquals("", run.err(), "no spinner or progress when not at a terminal");
    }

    @Test
    void pipedStdinGoesBeforeThePrompt() throws IOException {
        CliHarness.Run run = cli.withStdin("Some text.", "run", "tiny", "Summarise", "--nothink",
                "--parameter", GREEDY_FLAG);
        assertEquals(0, run.exit(), run.err());
        assertEquals(serverAnswer("tiny", "Some text. Summarise") + "\n\n", run.out());
    }

    @Test
    void verbosePrintsTheServersTimings() {
        CliHarness.Run run = cli.run("run", "tiny", "Hi", "--nothink", "--verbose", "--parameter", GREEDY_FLAG);
        assertEquals(0, run.exit(), run.err());
        List<String> err = run.err().lines().toList();
        assertTrue(err.getFirst().matches("total duration: +\\S+"), run.err());
        assertTrue(err.contains("eval count:           6 token(s)"), run.err());
        assertTrue(err.getLast().matches("eval rate: +\\d+\\.\\d\\d tokens/s"), run.err());
    }

    @Test
    void keepaliveIsPassedToTheServer() throws IOException {
        CliHarness.Run run = cli.run("run", "tiny", "Hi", "--keepalive", "-1m", "--nothink", "--parameter",
                GREEDY_FLAG);
        assertEquals(0, run.exit(), run.err());
        RunningModel tiny = client.ps().stream().filter(m -> m.name().equals("tiny:latest")).findFirst().orElseThrow();
        assertTrue(tiny.expiresAt().compareTo("2100") > 0, "kept for good: " + tiny.expiresAt());
        assertTrue(cli.run("ps").out().contains("Forever"), cli.run("ps").out());

        CliHarness.Run bad = cli.run("run", "tiny", "Hi", "--keepalive", "3600");
        assertEquals(1, bad.exit());
        assertEquals(List.of("Error: time: missing unit in duration \"3600\""), bad.errorLines());
    }

    @Test
    void aModelTheServerLacksIsPulledFirst() throws IOException {
        served.publish("fetched-to-run", ServedStore.chatModel());
        CliHarness.Run run = cli.run("run", "fetched-to-run", "Hello", "--nothink", "--parameter", GREEDY_FLAG);
        assertEquals(0, run.exit(), run.err());
        List<String> err = run.err().lines().toList();
        assertEquals("pulling manifest", err.getFirst());
        assertEquals("success", err.getLast());
        assertEquals(serverAnswer("fetched-to-run", "Hello") + "\n\n", run.out());
    }

    @Test
    void aModelNobodyHasIsOneError() {
        CliHarness.Run run = cli.run("run", "nobody-has-it", "Hello");
        assertEquals(1, run.exit());
        assertEquals(List.of("Error: pull model manifest: file does not exist"), run.errorLines());
        assertEquals("", run.out());
    }

    @Test
    void anEmbeddingModelPrintsTheVector() throws IOException {
        CliHarness.Run run = cli.run("run", "tiny-embed", "hello world");
        assertEquals(0, run.exit(), run.err());
        JsonNode vector = new ObjectMapper().readTree(run.out());
        float[] expected = client.embed("tiny-embed", "hello world", null, 0, null).getFirst();
        assertEquals(expected.length, vector.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], (float) vector.get(i).asDouble(), "element " + i);
        }
        CliHarness.Run empty = cli.run("run", "tiny-embed");
        assertEquals(1, empty.exit());
        assertEquals(List.of("Error: embedding models require input text. Usage: jollama run tiny-embed "
                + "\"your text here\""), empty.errorLines());
    }

    @Test
    void aGgufPathStillRunsInProcess() {
        CliHarness.Run run = new ServerCli(Map.of("OLLAMA_HOST", "127.0.0.1:9")) // no server there
                .run("run", ServedStore.chatModel().toString(), "Hello", "--parameter", GREEDY_FLAG);
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().endsWith("\n\n"), run.out());
    }

    private ChatSession session(String script, RunOptions options, OutputStream target) {
        PrintStream o = new PrintStream(target, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        ServerChatBackend backend = new ServerChatBackend(client, "tiny",
                new StreamedAnswerer(client, o, e, false), null);
        return new ChatSession(backend, options, new BufferedReader(new StringReader(script)), o, e);
    }

    @Test
    void theInteractiveChatKeepsItsHistoryAcrossServerTurns() throws IOException {
        RunOptions options = new RunOptions(GREEDY, false, false, false);
        ChatSession session = session("Hello\n/show info\nHow are you?\n/bye\n", options, out);
        session.run();
        List<ChatMessage> history = session.history();
        assertEquals(List.of("user", "assistant", "user", "assistant"),
                history.stream().map(ChatMessage::role).toList());
        assertEquals("How are you?", history.get(2).content());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith(">>> " + history.get(1).content() + "\n\n>>> "), printed);
        assertTrue(Pattern.compile("  Model\n    architecture +qwen3")
                .matcher(err.toString(StandardCharsets.UTF_8)).find(), err.toString());
    }

    @Test
    void ctrlCStopsTheServersAnswerButNotTheSession() throws IOException {
        RunOptions longAnswers = new RunOptions(Map.of("num_predict", 2000), false, false, false);
        ChatSession[] session = new ChatSession[1];
        OutputStream interrupting = new OutputStream() {
            int prompts;

            @Override
            public void write(int b) {
                out.write(b);
                if (b == '>') {
                    prompts++;
                } else if (prompts == 3 && b != ' ') { // the first character of the answer
                    prompts++;
                    session[0].interrupt();
                }
            }
        };
        session[0] = session("Tell me a long story\n/bye\n", longAnswers, interrupting);
        session[0].run();
        // the cut answer is not kept
        assertEquals(List.of("user"), session[0].history().stream().map(ChatMessage::role).toList());
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("Use Ctrl + d"), out.toString());
        assertTrue(client.generate(new GenerateRequest("tiny", "Hi", GREEDY, false, null, null, null), c -> { },
                new Cancellation()).done(), "the server goes on serving");
    }
}
