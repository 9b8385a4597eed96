package jollama.server.cli;

import jollama.engine.Model;
import jollama.engine.chat.ChatMessage;
import jollama.models.testmodel.TestModelConfig;
import jollama.models.testmodel.TestModelFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The interactive chat driven by a script in place of a terminal, checked against the
 * {@code ollama run} contract (ollama-api.md §7): {@code >>> } prompts, {@code """} multi-line
 * input, history kept across turns, slash commands, {@code /bye} and end of input (Ctrl-D).
 */
class ChatSessionTest {

    static final RunOptions SHORT = new RunOptions(Map.of("num_predict", 4L, "temperature", 0L), null, false, false);

    /** Shared by the tests: a session reloads it when its num_ctx differs from the last one's. */
    static ModelHandle handle;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void open() throws IOException {
        Path modelPath = TestModelFiles.get(TestModelConfig.TINY, "q4_k_m");
        handle = ModelHandle.open(settings -> Model.open(modelPath, settings), SHORT.generationOptions());
    }

    @AfterAll
    static void close() {
        handle.close();
    }

    ChatSession session(String script, RunOptions options, OutputStream outTarget) {
        return new ChatSession(handle, options, new BufferedReader(new StringReader(script)),
                new PrintStream(outTarget, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
    }

    ChatSession run(String script) throws IOException {
        ChatSession session = session(script, SHORT, out);
        session.run();
        return session;
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    static List<String> roles(List<ChatMessage> history) {
        return history.stream().map(ChatMessage::role).toList();
    }

    @Test
    void historyIsKeptAcrossTurnsAndByeEndsTheSession() throws IOException {
        ChatSession session = run("Hello\nHow are you?\n/bye\nnever read\n");
        List<ChatMessage> history = session.history();
        assertEquals(List.of("user", "assistant", "user", "assistant"), roles(history));
        assertEquals("Hello", history.get(0).content());
        assertEquals("How are you?", history.get(2).content());
        assertTrue(out().startsWith(">>> "), out());
        // each answer is followed by a blank line, then the next prompt; nothing after /bye
        assertTrue(out().endsWith("\n\n>>> "), out());
        assertEquals(3, out().split(">>> ", -1).length - 1, out());
        assertTrue(out().contains(history.get(1).content() + "\n\n>>> "), out());
    }

    @Test
    void tripleQuotesMakeOneMultiLineMessage() throws IOException {
        ChatSession session = run("\"\"\"first line\nsecond line\n\nlast line\"\"\"\n/bye\n");
        List<ChatMessage> history = session.history();
        assertEquals("first line\nsecond line\n\nlast line", history.getFirst().content());
        assertEquals(List.of("user", "assistant"), roles(history));
        assertTrue(out().startsWith(">>> ... ... ... "), "continuation prompts: " + out());
    }

    @Test
    void tripleQuotesOnOneLineAreOneMessage() throws IOException {
        ChatSession session = run("\"\"\"just this\"\"\"\n");
        assertEquals("just this", session.history().getFirst().content());
    }

    @Test
    void endOfInputLeavesLikeCtrlD() throws IOException {
        ChatSession session = run("Hello\n");
        assertEquals(2, session.history().size());
        assertTrue(out().endsWith(">>> \n"), out());
    }

    @Test
    void setSystemAndClearKeepTheSystemMessage() throws IOException {
        ChatSession session = run("/set system You are terse.\nHello\n/clear\n");
        assertEquals(List.of("system"), roles(session.history()));
        assertEquals("You are terse.", session.history().getFirst().content());
        assertTrue(out().contains("Set system message.\n"), out());
        assertTrue(out().contains("Cleared session context\n"), out());
    }

    @Test
    void multiLineSystemMessage() throws IOException {
        ChatSession session = run("/set system \"\"\"Be brief.\nBe kind.\"\"\"\n/show system\n");
        assertEquals("Be brief.\nBe kind.", session.history().getFirst().content());
        assertTrue(out().contains("Be brief.\nBe kind.\n"), out());
    }

    @Test
    void setParameterIsUsedByTheNextAnswer() throws IOException {
        ChatSession session = session("/set parameter num_predict 2\n/set verbose\nHello\n", SHORT, out);
        session.run();
        assertTrue(out().contains("Set parameter 'num_predict' to '2'\n"), out());
        assertTrue(out().contains("Set 'verbose' mode.\n"), out());
        assertTrue(err().contains("eval count:           2 token(s)\n"), err());
        assertTrue(err().contains("prompt eval count:    "), err());
    }

    @Test
    void badParametersAndUnknownCommandsAreReportedAndTheSessionGoesOn() throws IOException {
        ChatSession session = run("/set parameter warmth 3\n/set parameter temperature hot\n/frobnicate\n"
                + "/set sail\n/bye\n");
        assertTrue(out().contains("Couldn't set parameter: \"unknown parameter 'warmth'\"\n"), out());
        assertTrue(out().contains("Couldn't set parameter: \"option \\\"temperature\\\" must be of type float32\"\n"),
                out());
        assertTrue(out().contains("Unknown command '/frobnicate'. Type /? for help\n"), out());
        assertTrue(out().contains("Unknown command '/set sail'. Type /? for help\n"), out());
        assertTrue(session.history().isEmpty());
    }

    @Test
    void aMessageTooLongForTheContextIsAnErrorAndTheSessionGoesOn() throws IOException {
        ChatSession session = run("/set parameter num_ctx 32\n" + "word ".repeat(60) + "\nHello\n");
        assertEquals(1, err().lines().filter(l -> l.startsWith("Error: ")).count(), err());
        assertTrue(err().contains("too long"), err());
        assertEquals(List.of("user", "assistant"), roles(session.history()));
        assertEquals("Hello", session.history().getFirst().content());
    }

    @Test
    void theOldestTurnsMakeRoomWhenTheContextIsFull() throws IOException {
        String longMessage = "word ".repeat(40).strip();
        ChatSession session = run("/set parameter num_ctx 64\nHello\n" + longMessage + "\n");
        List<ChatMessage> history = session.history();
        assertEquals(List.of("user", "assistant", "user", "assistant"), roles(history), err());
        int whole = handle.model().tokenize(handle.model().renderChat(history.subList(0, 3), List.of(), null)).length;
        assertTrue(whole >= 64, "the whole conversation (" + whole + " tokens) does not fit, so a turn was dropped");
        assertEquals("", err());
    }

    @Test
    void showInfoAndHelp() throws IOException {
        run("/show info\n/?\n");
        assertTrue(err().contains("  Model\n    architecture        qwen3\n"), err());
        assertTrue(err().contains("    quantization        Q4_K_M\n"), err());
        assertTrue(err().contains("  Capabilities\n    completion\n"), err());
        assertTrue(err().contains("Use \"\"\" to begin a multi-line message."), err());
    }

    @Test
    void loadSaveAndListSayTheyNeedTheServer() throws IOException {
        ChatSession session = run("Hello\n/load other\n/save mine\n/list\n");
        assertEquals(List.of("user", "assistant"), roles(session.history()), "a failed /load keeps the chat");
        assertTrue(out().contains("Loading model 'other'\n"), out());
        for (String command : List.of("/load", "/save", "/list")) {
            assertTrue(err().contains("Error: " + command + LocalChatBackend.NEEDS_SERVER + "\n"), err());
        }
        assertFalse(out().contains("Created new model"), out());
    }

    @Test
    void formatJsonHoldsTheReplyToJson() throws IOException {
        RunOptions options = new RunOptions(Map.of("num_predict", 12L, "temperature", 0L), false, false, false);
        ChatSession session = session("/set format json\nHello\n", options, out);
        session.run();
        String reply = session.history().get(1).content().strip();
        assertTrue(reply.startsWith("{"), "the tiny model's random weights, held to a JSON object: " + reply);
    }

    @Test
    void ctrlCStopsTheAnswerButNotTheSession() throws IOException {
        RunOptions longAnswers = new RunOptions(Map.of("num_predict", 500L), null, false, false);
        ChatSession[] session = new ChatSession[1];
        // the terminal's Ctrl-C arrives while the answer is being printed
        OutputStream interrupting = new OutputStream() {
            int prompts;

            @Override
            public void write(int b) {
                out.write(b);
                if (b == '>') {
                    prompts++;
                } else if (prompts == 3 && b != ' ') { // after the first ">>> ", answer text
                    prompts++;
                    session[0].interrupt();
                }
            }
        };
        session[0] = session("Tell me a long story\nHello\n/bye\n", longAnswers, interrupting);
        session[0].run();
        List<ChatMessage> history = session[0].history();
        // the cut answer is not kept, as Ollama keeps no reply it did not finish
        assertEquals(List.of("user", "user", "assistant"), roles(history));
        assertEquals("Hello", history.get(1).content());
        assertFalse(out().contains("Use Ctrl + d or /bye to exit."), out());
    }

    @Test
    void ctrlCAtThePromptTellsHowToLeave() throws IOException {
        ChatSession session = session("/bye\n", SHORT, out);
        session.interrupt();
        session.run();
        assertTrue(out().contains("\nUse Ctrl + d or /bye to exit.\n>>> "), out());
    }
}
