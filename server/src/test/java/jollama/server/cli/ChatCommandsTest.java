package jollama.server.cli;

import jollama.engine.chat.ChatMessage;
import jollama.server.client.ApiMessage;
import jollama.server.client.CreateRequest;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The interactive chat's slash commands of ollama-api.md §7 over a scripted backend, so that what
 * the session keeps, sends and prints can be checked exactly: {@code /load}, {@code /save},
 * {@code /clear}, {@code /list}, the {@code /set} and {@code /show} variants, and the help.
 */
class ChatCommandsTest {

    private static final RunOptions OPTIONS = new RunOptions(Map.of("num_predict", 8L), null, false, false);

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    private final ScriptedBackend backend = new ScriptedBackend(out, "first", Set.of("first", "second"));

    private ChatSession run(String script) throws IOException {
        ChatSession session = new ChatSession(backend, OPTIONS, new BufferedReader(new StringReader(script)), out, err);
        session.run();
        return session;
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    private static List<String> roles(List<ChatMessage> history) {
        return history.stream().map(ChatMessage::role).toList();
    }

    @Test
    void loadSwitchesTheModelAndClearsTheHistory() throws IOException {
        ChatSession session = run("/set system Be terse.\nHello\n/load second\n");
        assertEquals("second", backend.model);
        assertEquals(List.of(), session.history(), "the history and the session's system message go");
        assertTrue(out().contains("Loading model 'second'\n"), out());
        assertEquals("", err());
    }

    @Test
    void afterLoadTheNextTurnStartsAFreshConversation() throws IOException {
        ChatSession session = run("Hello\n/load second\nAgain\n");
        assertEquals(List.of("user", "assistant"), roles(session.history()));
        assertEquals("Again", session.history().getFirst().content());
    }

    @Test
    void loadingAMissingModelKeepsTheModelAndTheHistory() throws IOException {
        ChatSession session = run("Hello\n/load nowhere\n");
        assertEquals("first", backend.model);
        assertEquals(List.of("nowhere"), backend.loads);
        assertEquals(List.of("user", "assistant"), roles(session.history()));
        assertTrue(out().contains("Loading model 'nowhere'\nCouldn't find model 'nowhere'\n"), out());
    }

    @Test
    void loadAndSaveTakeExactlyOneName() throws IOException {
        run("/load\n/save a b\n");
        assertTrue(out().contains("Usage:\n  /load <modelname>\n"), out());
        assertTrue(out().contains("Usage:\n  /save <modelname>\n"), out());
        assertTrue(backend.loads.isEmpty());
        assertTrue(backend.saved.isEmpty());
    }

    @Test
    void saveSendsTheSystemMessageTheTurnsAndTheParameters() throws IOException {
        run("/set system Be terse.\n/set parameter temperature 0.5\n/set parameter stop END STOP\nHello\n"
                + "/save my-chat\n");
        assertTrue(out().contains("Created new model 'my-chat'\n"), out());
        SavedSession saved = backend.saved.get("my-chat");
        CreateRequest request = saved.toCreateRequest("my-chat", backend.model);
        assertEquals("my-chat", request.model());
        assertEquals("first", request.from());
        assertEquals("Be terse.", request.system());
        assertEquals(Map.of("num_predict", 8L, "temperature", 0.5, "stop", List.of("END", "STOP")),
                request.parameters());
        // the system message is SYSTEM only: as a MESSAGE too the model would be told it twice
        assertEquals(List.of(new ApiMessage("user", "Hello"), new ApiMessage("assistant", "answer 1")),
                request.messages());
    }

    @Test
    void saveWithoutASystemMessageKeepsTheModels() throws IOException {
        run("Hello\n/save plain\n");
        CreateRequest request = backend.saved.get("plain").toCreateRequest("plain", "first");
        assertNull(request.system());
        assertEquals(2, request.messages().size());
    }

    @Test
    void anInvalidNameIsNotSaved() throws IOException {
        run("/save a//b\n");
        assertTrue(out().contains("error: The model name 'a//b' is invalid\n"), out());
        assertTrue(backend.saved.isEmpty());
    }

    @Test
    void clearKeepsOnlyTheSystemMessage() throws IOException {
        ChatSession session = run("/set system Be terse.\nHello\n/clear\n");
        assertEquals(List.of("system"), roles(session.history()));
        assertTrue(out().contains("Cleared session context\n"), out());
    }

    @Test
    void listPrintsTheServersTable() throws IOException {
        run("/list\n");
        assertTrue(out().contains("NAME    ID    SIZE    MODIFIED\n"), out());
    }

    @Test
    void setCommandsChangeTheNextTurn() throws IOException {
        run("/set format json\n/set think high\n/set verbose\nOne\n/set noformat\n/set nothink\n/set quiet\nTwo\n");
        ChatBackend.Turn first = backend.turns.get(0);
        assertEquals("json", first.format());
        assertEquals("high", first.think());
        assertTrue(first.verbose());
        ChatBackend.Turn second = backend.turns.get(1);
        assertNull(second.format());
        assertEquals(Boolean.FALSE, second.think());
        assertFalse(second.verbose());
        assertTrue(out().contains("Set format to 'json' mode.\n>>> Set 'think' mode to 'high'.\n>>> Set 'verbose' mode.\n"),
                out());
        assertTrue(out().contains("Disabled format.\n>>> Set 'nothink' mode.\n>>> Set 'quiet' mode.\n"), out());
    }

    @Test
    void formatTakesOnlyJson() throws IOException {
        run("/set format\n/set format yaml\nHi\n");
        assertEquals(2, out().split("Invalid or missing format. For 'json' mode use '/set format json'\n", -1).length - 1,
                out());
        assertNull(backend.turns.getFirst().format());
    }

    @Test
    void runsFormatHoldsUntilNoformat() throws IOException {
        ChatSession session = new ChatSession(backend, OPTIONS, "json",
                new BufferedReader(new StringReader("One\n/set noformat\nTwo\n")), out, err);
        session.run();
        assertEquals("json", backend.turns.get(0).format());
        assertNull(backend.turns.get(1).format());
    }

    @Test
    void historyAndWordwrapAreAcceptedAsOllamaAcceptsThem() throws IOException {
        run("/set history\n/set nohistory\n/set wordwrap\n/set nowordwrap\n");
        // /set history and nohistory print nothing in Ollama either
        assertEquals(">>> >>> >>> Set 'wordwrap' mode.\n>>> Set 'nowordwrap' mode.\n>>> \n", out());
        assertEquals("", err());
    }

    @Test
    void showParametersListsTheModelsThenTheSessions() throws IOException {
        backend.texts = new ModelTexts(null, null, "stop                           \"<|im_end|>\"", null, null);
        run("/set parameter stop a b\n/show parameters\n");
        assertTrue(out().contains("""
                Model defined parameters:
                  stop                           "<|im_end|>"

                User defined parameters:
                  num_predict                    8
                  stop                           [a b]

                """), out());
    }

    @Test
    void showTextsSayWhenTheModelHasNone() throws IOException {
        run("/show license\n/show modelfile\n/show system\n/show template\n/show parameters\n/show tensors\n");
        assertTrue(out().contains("No license was specified for this model.\n"), out());
        assertTrue(out().contains("No Modelfile was specified for this model.\n"), out());
        assertTrue(out().contains("No system message was specified for this model.\n"), out());
        assertTrue(out().contains("No prompt template was specified for this model.\n"), out());
        assertTrue(out().contains("Model defined parameters:\n  No additional parameters were specified for this model.\n"),
                out());
        assertTrue(out().contains("Unknown command '/show tensors'. Type /? for help\n"), out());
    }

    @Test
    void showTextsPrintTheModelsTexts() throws IOException {
        backend.texts = new ModelTexts("MIT", "FROM x\n", null, "Model system.", "{{ .Prompt }}");
        run("/show license\n/show modelfile\n/show system\n/show template\n/set system Mine.\n/show system\n");
        assertTrue(out().contains(">>> MIT\n>>> FROM x\n\n>>> Model system.\n\n>>> {{ .Prompt }}\n"), out());
        assertTrue(out().contains("Set system message.\n>>> Mine.\n\n"), "the session's system message first: " + out());
    }

    @Test
    void helpCoversLoadSaveAndShortcuts() throws IOException {
        run("/?\n/? shortcuts\n/help set\n/? show\n/? nonsense\n");
        assertTrue(err().contains("  /load <model>   Load a session or model\n"), err());
        assertTrue(err().contains("  /save <model>   Save your current session\n"), err());
        assertTrue(err().contains("  /? shortcuts    Help for keyboard shortcuts\n"), err());
        assertTrue(err().contains("Available keyboard shortcuts:\n"), err());
        assertTrue(err().contains("  Ctrl + d            Exit jollama (/bye)\n"), err());
        assertTrue(err().contains("  /set nohistory         Disable history\n"), err());
        assertTrue(err().contains("  /set format json       Enable JSON mode\n"), err());
        assertTrue(err().contains("  /show modelfile    Show Modelfile for this model\n"), err());
        // an unknown topic prints nothing, as in Ollama
        assertTrue(err().endsWith("  /show template     Show prompt template\n\n"), err());
    }

    @Test
    void unknownCommandsAreNamed() throws IOException {
        ChatSession session = run("/frobnicate now\n/set sail\n");
        assertTrue(out().contains("Unknown command '/frobnicate'. Type /? for help\n"), out());
        assertTrue(out().contains("Unknown command '/set sail'. Type /? for help\n"), out());
        assertTrue(session.history().isEmpty());
    }
}
