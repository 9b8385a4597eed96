package jollama.server.modelfile;

import jollama.server.modelfile.ModelfileCommand.From;
import jollama.server.modelfile.ModelfileCommand.License;
import jollama.server.modelfile.ModelfileCommand.Message;
import jollama.server.modelfile.ModelfileCommand.Parameter;
import jollama.server.modelfile.ModelfileCommand.SystemPrompt;
import jollama.server.modelfile.ModelfileCommand.Template;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The parser against the behaviours of Ollama's parser.ParseFile (quoting, multi-line values, errors). */
class ModelfileTest {

    private static List<ModelfileCommand> parse(String text) throws ModelfileException {
        return Modelfile.parse(text).commands();
    }

    private static ModelfileException error(String text) {
        return assertThrows(ModelfileException.class, () -> Modelfile.parse(text));
    }

    @Test
    void commandsAreCaseInsensitiveAndValuesTrimmed() throws Exception {
        assertEquals(List.of(new From("llama3:latest"), new Parameter("temperature", "0.7"),
                        new SystemPrompt("You are terse."), new License("MIT")),
                parse("from llama3:latest\nPaRaMeTeR temperature    0.7  \nSYSTEM   You are terse.\t\nLICENSE MIT"));
    }

    @Test
    void unquotedValuesRunToTheLineEndIncludingInnerSpaces() throws Exception {
        assertEquals(List.of(new From("/what/is/the path")), parse("FROM /what/is/the path "));
        assertEquals(List.of(new Parameter("what", "the"), new From("lemons make lemonade")),
                parse("PARAMETER what the \nFROM lemons make lemonade "));
        assertEquals(List.of(new From("foo"), new Parameter("stop", "### User:")),
                parse("FROM foo\nPARAMETER stop ### User: \n"));
    }

    @Test
    void quotesAreRemovedAndKeepInnerSpaces() throws Exception {
        assertEquals(List.of(new From("     model 1"), new License("MIT       ")),
                parse("FROM \"     model 1\"\nLICENSE \"MIT       \"\n"));
        assertEquals(List.of(new From("foo"), new SystemPrompt("")), parse("FROM foo\nSYSTEM \"\"\n"));
        assertEquals(List.of(new From("foo"), new SystemPrompt("")), parse("FROM foo\nSYSTEM \"\"\"\"\"\"\n"));
        assertEquals(List.of(new From("foo"), new SystemPrompt("'")), parse("FROM foo\nSYSTEM \"'\"\n"));
        assertEquals(List.of(new From("foo"), new SystemPrompt("''\"'\"\"'\"\"'\"'''''\"\"'\"\"'")),
                parse("FROM foo\nSYSTEM \"\"\"''\"'\"\"'\"\"'\"'''''\"\"'\"\"'\"\"\"\n"));
        // nothing inside quotes is unescaped
        assertEquals(List.of(new From("foo"), new Parameter("stop", "a\\nb")), parse("FROM foo\nPARAMETER stop \"a\\nb\""));
    }

    @Test
    void tripleQuotesSpanLines() throws Exception {
        assertEquals(List.of(new From("foo"), new SystemPrompt("\nThis is a\nmultiline system.\n")),
                parse("FROM foo\nSYSTEM \"\"\"\nThis is a\nmultiline system.\n\"\"\"\n\t\t"));
        assertEquals(List.of(new From("foo"), new SystemPrompt("This is a\nmultiline system.")),
                parse("FROM foo\nSYSTEM \"\"\"This is a\nmultiline system.\"\"\"\n"));
        assertEquals(List.of(new From("foo"), new SystemPrompt("\nwith \"quotes\".\n")),
                parse("FROM foo\nSYSTEM \"\"\"\nwith \"quotes\".\n\"\"\"\n"));
        assertEquals(List.of(new From("foo"), new Template("{{ .Prompt }}\n\n{{ .Response }}")),
                parse("FROM foo\nTEMPLATE \"\"\"{{ .Prompt }}\n\n{{ .Response }}\"\"\"    \n"));
        // a plain double quote also spans lines until a line ends with one
        assertEquals(List.of(new From("foo"), new SystemPrompt("one\ntwo")), parse("FROM foo\nSYSTEM \"one\ntwo\"\n"));
    }

    @Test
    void crlfLineEndsAreAccepted() throws Exception {
        assertEquals(List.of(new From("foo"), new SystemPrompt("hi there")), parse("FROM foo\r\nSYSTEM hi there\r\n"));
        assertEquals(List.of(new From("foo"), new SystemPrompt("a\r\nb")), parse("FROM foo\r\nSYSTEM \"\"\"a\r\nb\"\"\"\r\n"));
    }

    @Test
    void commentsAndBlankLinesAreSkipped() throws Exception {
        assertEquals(List.of(new From("foo"), new Parameter("num_ctx", "1")),
                parse("\n# a comment\n   # indented comment\nFROM foo\n\n# PARAMETER x y\nPARAMETER num_ctx 1\n"));
        // '#' only starts a comment at the start of a line
        assertEquals(List.of(new From("foo # not a comment")), parse("FROM foo # not a comment"));
    }

    @Test
    void messagesTakeARole() throws Exception {
        assertEquals(List.of(new From("foo"), new Message("system", "You parse."), new Message("user", "Hey there!"),
                        new Message("assistant", "\nmulti\nline\n")),
                parse("FROM foo\nMESSAGE system You parse.\nMESSAGE user Hey there!\n"
                        + "MESSAGE assistant \"\"\"\nmulti\nline\n\"\"\""));
        ModelfileException e = error("FROM foo\nMESSAGE badguy I'm a bad guy!\n");
        assertEquals("(line 2): message role must be one of \"system\", \"user\", or \"assistant\"", e.getMessage());
        assertEquals(2, e.line());
        assertEquals("unexpected EOF: system", error("FROM foo\nMESSAGE system\n").getMessage());
        assertEquals("unexpected EOF", error("FROM foo\nMESSAGE system").getMessage());
    }

    @Test
    void errorsNameTheLine() {
        ModelfileException e = error("\nFROM foo\nBADCOMMAND param1 value1\n");
        assertEquals(3, e.line());
        assertEquals("(line 3): " + ModelfileParser.INVALID_COMMAND, e.getMessage());
        // a command word cut by the line end is reported on its own line
        assertEquals(2, error("FROM foo\nSYSTEM\nPARAMETER x y").line());
        assertEquals(1, error("FR0M foo").line());
    }

    @Test
    void unfinishedInputIsAnUnexpectedEof() {
        assertEquals("unexpected EOF", error("FROM foo\nSYSTEM \"\"\"This is a system.\"\"\n\t\t").getMessage());
        assertEquals("unexpected EOF", error("FROM foo\nSYSTEM \"\n").getMessage());
        assertEquals("unexpected EOF: param1", error("FROM foo\nPARAMETER param1\n").getMessage());
        assertEquals("unexpected EOF", error("FROM").getMessage());
    }

    @Test
    void aFromLineIsRequired() {
        assertEquals("no FROM line", error("").getMessage());
        assertEquals("no FROM line", error("PARAMETER param1 value1").getMessage());
    }

    @Test
    void controlCharactersAreDroppedButTabsKept() throws Exception {
        assertEquals(List.of(new From("foo"), new SystemPrompt("a\tbc")), parse("FROM foo\nSYSTEM a\tb\u0007c\n"));
    }

    @Test
    void utf16AndByteOrderMarksAreRead() throws Exception {
        String text = "FROM bob\nPARAMETER num_ctx 4096\nSYSTEM You are a utf16 file.\n";
        List<ModelfileCommand> expected = List.of(new From("bob"), new Parameter("num_ctx", "4096"),
                new SystemPrompt("You are a utf16 file."));
        byte[] le = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[le.length + 2];
        withBom[0] = (byte) 0xff;
        withBom[1] = (byte) 0xfe;
        System.arraycopy(le, 0, withBom, 2, le.length);
        assertEquals(expected, Modelfile.parse(withBom).commands());
        assertEquals(expected, Modelfile.parse(("\uFEFF" + text).getBytes(StandardCharsets.UTF_8)).commands());
    }

    @Test
    void renderingParsesBackTheSame() throws Exception {
        String text = """
                FROM foo
                LICENSE \"""
                Very long and boring legal text.
                "Oh look, a quote!"
                \"""
                PARAMETER temperature 0.5
                PARAMETER stop "  padded  "
                TEMPLATE {{ .Prompt }}
                MESSAGE system \"""
                You are a store greeter. Always respond with "Hello!".
                \"""
                MESSAGE user Hey there!
                SYSTEM ""
                REQUIRES 0.14.0
                """;
        Modelfile parsed = Modelfile.parse(text);
        assertEquals(parsed, Modelfile.parse(parsed.render()));
        assertEquals("PARAMETER stop \"  padded  \"", parsed.commands().get(3).line());
        assertEquals("MESSAGE user Hey there!", parsed.commands().get(6).line());
    }

    @Test
    void quotingFollowsOllama() {
        assertEquals("plain", Modelfile.quote("plain"));
        assertEquals("\" lead\"", Modelfile.quote(" lead"));
        assertEquals("\"a\nb\"", Modelfile.quote("a\nb"));
        assertEquals("\"\"\"say \"hi\"\n\"\"\"", Modelfile.quote("say \"hi\"\n"));
        assertEquals("say \"hi\"", Modelfile.quote("say \"hi\""));
    }
}
