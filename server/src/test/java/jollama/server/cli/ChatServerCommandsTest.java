package jollama.server.cli;

import jollama.engine.chat.ChatMessage;
import jollama.models.testmodel.TestModelConfig;
import jollama.models.testmodel.TestModelFiles;
import jollama.server.client.ModelInfo;
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
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /load}, {@code /save}, {@code /list} and {@code /show} of the interactive chat against a
 * real server (ollama-api.md §7): the model switched and loaded, the saved model's Modelfile made
 * of the session, the texts seen through the session's settings.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChatServerCommandsTest {

    private static final RunOptions GREEDY = new RunOptions(Map.of("num_predict", 4, "temperature", 0), false,
            false, false);

    @TempDir
    static Path root;

    static ServedStore served;
    static OllamaClient client;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws IOException {
        served = new ServedStore(root);
        served.addModel("tiny", ServedStore.chatModel(), null, null);
        // another file: the server keeps one runner per weights file, whatever the names
        served.addModel("tiny-other", TestModelFiles.get(TestModelConfig.TINY, "q8_0"), "You are the other one.",
                Map.of("top_k", 7));
        client = OllamaClient.fromEnvironment(served.env());
    }

    @AfterAll
    static void stop() {
        served.close();
    }

    private ChatSession run(String script) throws IOException {
        PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        ServerChatBackend backend = new ServerChatBackend(client, "tiny", new StreamedAnswerer(client, out, err, false),
                null);
        ChatSession session = new ChatSession(backend, GREEDY, new BufferedReader(new StringReader(script)), out, err);
        session.run();
        return session;
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void loadSwitchesToALoadedModelWithAnEmptyHistory() throws IOException {
        ChatSession session = run("Hello\n/load tiny-other\n/show system\nAgain\n");
        assertTrue(out().contains("Loading model 'tiny-other'\n"), out());
        assertTrue(client.ps().stream().map(RunningModel::name).toList().contains("tiny-other:latest"),
                "preloaded: " + client.ps());
        // the history held the first turn only until /load: now it is the one after it
        List<ChatMessage> history = session.history();
        assertEquals(List.of("user", "assistant"), history.stream().map(ChatMessage::role).toList());
        assertEquals("Again", history.getFirst().content());
        assertTrue(out().contains("You are the other one.\n\n"), "/show asks the new model: " + out());
        assertEquals("", err());
    }

    @Test
    void loadingAModelTheServerLacksIsNotAPull() throws IOException {
        ChatSession session = run("Hello\n/load not-here\n/show system\n");
        assertTrue(out().contains("Loading model 'not-here'\nCouldn't find model 'not-here'\n"), out());
        assertEquals(2, session.history().size());
        assertTrue(out().contains("No system message was specified for this model.\n"), "still on tiny: " + out());
        assertFalse(err().contains("pulling"), err());
    }

    @Test
    void saveCreatesAModelWhoseModelfileHoldsTheSession() throws IOException {
        ChatSession session = run("/set system You are terse.\n/set parameter temperature 0.25\n"
                + "/set parameter stop END\nHello\n/save saved-chat\n");
        assertTrue(out().contains("Created new model 'saved-chat'\n"), out() + err());
        String answer = session.history().get(2).content();

        ModelInfo saved = client.show("saved-chat", false);
        String modelfile = saved.modelfile();
        assertTrue(modelfile.contains("\nSYSTEM You are terse.\n"), modelfile);
        assertTrue(modelfile.contains("\nPARAMETER temperature 0.25\n"), modelfile);
        assertTrue(modelfile.contains("\nPARAMETER stop END\n"), modelfile);
        assertTrue(modelfile.contains("\nPARAMETER num_predict 4\n"), modelfile);
        assertTrue(modelfile.contains("\nMESSAGE user Hello\n"), modelfile);
        assertEquals(List.of("user", "assistant"), saved.messages().stream().map(m -> m.role()).toList());
        assertEquals(answer, saved.messages().get(1).content());
        assertFalse(modelfile.contains("MESSAGE system"), "the system message is SYSTEM only: " + modelfile);
    }

    @Test
    void listPrintsTheTable() throws IOException {
        run("/list\n/list tiny-o\n");
        String[] tables = out().split(">>> ");
        assertTrue(tables[1].startsWith("NAME "), out());
        assertTrue(tables[1].contains("tiny:latest"), out());
        assertTrue(tables[2].contains("tiny-other:latest") && !tables[2].contains("tiny:latest"), out());
    }

    @Test
    void showTextsSeeTheSessionsSettings() throws IOException {
        run("/set system Be brief.\n/set parameter top_k 3\n/show modelfile\n/show parameters\n/show license\n");
        assertTrue(out().contains("\nSYSTEM Be brief.\n"), out());
        assertTrue(out().contains("\nPARAMETER top_k 3\n"), out());
        // Ollama's server lays the session's options over the model's, so they show in both lists
        int model = out().indexOf("Model defined parameters:\n");
        int user = out().indexOf("User defined parameters:\n");
        assertTrue(model >= 0 && user > model, out());
        assertTrue(out().substring(model, user).contains("\n  top_k                          3\n"), out());
        assertTrue(out().substring(user).contains("\n  top_k                          3\n"), out());
        assertTrue(out().contains("No license was specified for this model.\n"), out());
    }
}
