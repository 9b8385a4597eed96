package jollama.server.cli;

import jollama.models.testmodel.TestModelConfig;
import jollama.models.testmodel.TestModelFiles;
import jollama.server.client.ApiMessage;
import jollama.server.client.Cancellation;
import jollama.server.client.GenerateRequest;
import jollama.server.client.OllamaClient;
import jollama.server.client.ServedStore;
import jollama.server.store.Digest;
import jollama.server.store.ModelName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client commands ({@code list}, {@code show}, {@code ps}, {@code stop}, {@code rm},
 * {@code cp}, {@code create}, {@code pull}) against a real server found through OLLAMA_HOST,
 * checked against ollama-api.md §7: outputs, stderr progress and exit codes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CliClientCommandsTest {

    @TempDir
    static Path root;

    static ServedStore served;
    static ServerCli cli;
    static OllamaClient client;

    @BeforeAll
    static void start() throws IOException {
        served = new ServedStore(root.resolve("store"));
        served.addModel("tiny", ServedStore.chatModel(), "You are a test model.\nSecond line.\nThird line.",
                Map.of("temperature", 0.5, "stop", List.of("<|im_end|>")));
        served.addModel("tiny-embed", ServedStore.embedModel(), null, null);
        cli = new ServerCli(served.env());
        client = OllamaClient.fromEnvironment(served.env());
    }

    @AfterAll
    static void stop() {
        served.close();
    }

    /** The table's rows split on its runs of spaces (cells hold none here). */
    static List<List<String>> cells(String table) {
        return table.lines().map(l -> List.of(l.strip().split("\\s{2,}"))).toList();
    }

    @Test
    void listIsOllamasTable() throws IOException {
        CliHarness.Run run = cli.run("list");
        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(List.of("NAME", "ID", "SIZE", "MODIFIED"), cells(run.out()).getFirst());
        int idColumn = lines.getFirst().indexOf("ID");
        String row = lines.stream().filter(l -> l.startsWith("tiny:latest ")).findFirst().orElseThrow();
        String id = row.substring(idColumn, idColumn + 12);
        String manifestHash = Digest.of(served.store.readManifestBytes(ModelName.parse("tiny"))).hex();
        assertEquals(manifestHash.substring(0, 12), id, "the ID is the manifest's hash, cut to 12");
        List<String> tiny = cells(row).getFirst();
        assertTrue(tiny.get(2).matches("\\d+(\\.\\d)? MB"), tiny.toString());
        assertTrue(tiny.get(3).matches("(Less than a second|\\d+ seconds?|About a minute) ago"), tiny.toString());
        assertTrue(run.out().contains("tiny-embed:latest"));
    }

    @Test
    void lsIsListAndAPrefixFiltersWhateverTheCase() {
        CliHarness.Run run = cli.run("ls", "TINY-E");
        assertEquals(0, run.exit(), run.err());
        List<List<String>> rows = cells(run.out());
        assertEquals(2, rows.size(), run.out());
        assertEquals("tiny-embed:latest", rows.get(1).getFirst());
    }

    @Test
    void showPrintsOllamasSections() {
        CliHarness.Run run = cli.run("show", "tiny");
        assertEquals(0, run.exit(), run.err());
        String out = run.out();
        assertTrue(out.startsWith("  Model\n"), out);
        assertTrue(Pattern.compile("(?m)^    architecture\\s+qwen3\\s*$").matcher(out).find(), out);
        assertTrue(Pattern.compile("(?m)^    quantization\\s+Q4_K_M\\s*$").matcher(out).find(), out);
        assertTrue(Pattern.compile("(?m)^    context length\\s+\\d+\\s*$").matcher(out).find(), out);
        assertTrue(out.contains("  Capabilities\n    completion"), out);
        assertTrue(Pattern.compile("(?m)^    temperature\\s+0.5\\s*$").matcher(out).find(), out);
        // the system message: its first two lines, then "..."
        assertTrue(Pattern.compile("  System\n    You are a test model.\\s*\n    Second line.\\s*\n    \\.\\.\\.")
                .matcher(out).find(), out);
    }

    @Test
    void showVerboseAddsTheMetadataAndTheTensors() {
        CliHarness.Run run = cli.run("show", "tiny", "-v");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("\n  Metadata\n"), run.out());
        assertTrue(Pattern.compile("(?m)^    general\\.architecture\\s+qwen3").matcher(run.out()).find(), run.out());
        assertTrue(Pattern.compile("(?m)^    qwen3\\.rope\\.freq_base\\s+1e\\+06\\s*$").matcher(run.out()).find(),
                run.out());
        assertTrue(run.out().contains("\n  Tensors\n"), run.out());
        assertTrue(Pattern.compile("(?m)^    token_embd\\.weight\\s+\\w+\\s+\\[\\d+ \\d+\\]").matcher(run.out()).find(),
                run.out());
    }

    @Test
    void showWithAFlagPrintsThatTextAlone() throws IOException {
        assertEquals("You are a test model.\nSecond line.\nThird line.", cli.run("show", "tiny", "--system").out());
        String modelfile = cli.run("show", "tiny", "--modelfile").out();
        assertTrue(modelfile.startsWith("# Modelfile generated by \"ollama show\"\n"), modelfile);
        assertTrue(modelfile.contains("\nFROM "), modelfile);
        String parameters = cli.run("show", "tiny", "--parameters").out();
        assertTrue(parameters.contains("temperature                    0.5"), parameters);
        assertTrue(parameters.contains("stop                           \"<|im_end|>\""), parameters);
        String template = client.show("tiny", false).template();
        assertEquals(template == null ? "" : template, cli.run("show", "tiny", "--template").out());
        assertEquals("\n", cli.run("show", "tiny", "--license").out(), "no licence: an empty line");
    }

    @Test
    void showTakesOneTextFlagAtMost() {
        CliHarness.Run run = cli.run("show", "tiny", "--system", "--template");
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("Error: only one of '--license', '--modelfile', '--parameters', "
                + "'--system', or '--template' can be specified"), run.err());
    }

    @Test
    void showOfAnUnknownModelIsTheServersError() {
        CliHarness.Run run = cli.run("show", "nope");
        assertEquals(1, run.exit());
        assertEquals(List.of("Error: model 'nope:latest' not found"), run.err().lines().toList());
    }

    @Test
    void psListsTheLoadedModelsAndStopUnloadsThem() throws IOException {
        client.generate(GenerateRequest.load("tiny", "10m", null), c -> { }, new Cancellation());
        CliHarness.Run ps = cli.run("ps");
        assertEquals(0, ps.exit(), ps.err());
        List<List<String>> rows = cells(ps.out());
        assertEquals(List.of("NAME", "ID", "SIZE", "PROCESSOR", "CONTEXT", "UNTIL"), rows.getFirst());
        List<String> tiny = rows.stream().filter(r -> r.getFirst().equals("tiny:latest")).findFirst().orElseThrow();
        assertEquals("100% CPU", tiny.get(3));
        assertTrue(tiny.get(4).matches("\\d+"), tiny.toString());
        assertTrue(tiny.get(5).matches("(9|10) minutes from now"), tiny.toString());

        CliHarness.Run stop = cli.run("stop", "tiny");
        assertEquals(0, stop.exit(), stop.err());
        assertEquals("", stop.out());
        assertTrue(cli.run("ps").out().lines().noneMatch(l -> l.startsWith("tiny:latest")));
    }

    @Test
    void stopOfAnUnknownModelSaysSo() {
        CliHarness.Run run = cli.run("stop", "nope");
        assertEquals(1, run.exit());
        assertEquals(List.of("Error: couldn't find model \"nope\" to stop"), run.err().lines().toList());
    }

    @Test
    void cpThenRm() {
        CliHarness.Run cp = cli.run("cp", "tiny", "tiny-copy");
        assertEquals(0, cp.exit(), cp.err());
        assertEquals("copied 'tiny' to 'tiny-copy'\n", cp.out());
        assertTrue(cli.run("list").out().contains("tiny-copy:latest"));

        CliHarness.Run rm = cli.run("rm", "tiny-copy");
        assertEquals(0, rm.exit(), rm.err());
        assertEquals("deleted 'tiny-copy'\n", rm.out());
        assertFalse(cli.run("list").out().contains("tiny-copy:latest"));
        assertTrue(cli.run("list").out().contains("tiny:latest"), "the blobs the original uses stay");
    }

    @Test
    void rmOfAnUnknownModelFails() {
        CliHarness.Run rm = cli.run("rm", "nope");
        assertEquals(1, rm.exit());
        assertEquals(List.of("Error: model 'nope' not found"), rm.err().lines().toList());
    }

    @Test
    void cpOfAnUnknownModelFails() {
        CliHarness.Run cp = cli.run("cp", "nope", "other");
        assertEquals(1, cp.exit());
        assertEquals(List.of("Error: model \"nope\" not found"), cp.err().lines().toList());
    }

    @Test
    void createUploadsALocalGgufRelativeToTheModelfile(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("project"));
        headerOnlyGguf(folder.resolve("weights.gguf"), "pirate-weights"); // a blob the server lacks
        Path modelfile = Files.writeString(folder.resolve("Modelfile"), """
                FROM ./weights.gguf
                SYSTEM You are a pirate.
                PARAMETER num_predict 9
                PARAMETER stop <|im_end|>
                LICENSE MIT
                MESSAGE user Ahoy
                MESSAGE assistant Arr
                """);
        CliHarness.Run create = cli.run("create", "pirate", "-f", modelfile.toString());
        assertEquals(0, create.exit(), create.err());
        List<String> err = create.err().lines().toList();
        assertEquals("gathering model components", err.getFirst());
        assertEquals("success", err.getLast());
        assertTrue(err.stream().anyMatch(l -> l.startsWith("copying file sha256:")), create.err());
        assertTrue(err.contains("writing manifest"), create.err());

        assertEquals("You are a pirate.", cli.run("show", "pirate", "--system").out());
        assertEquals("MIT\n", cli.run("show", "pirate", "--license").out());
        assertTrue(cli.run("show", "pirate", "--parameters").out().contains("num_predict                    9"));
        assertTrue(client.show("pirate", false).messages().contains(new ApiMessage("user", "Ahoy")));

        // the server has the blob now: a second create uploads nothing
        CliHarness.Run again = cli.run("create", "pirate2", "--file", modelfile.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.err().lines().noneMatch(l -> l.startsWith("copying file")), again.err());
    }

    /** A GGUF v3 file with an architecture and a name and no tensors: enough for create, and new to the server. */
    static void headerOnlyGguf(Path file, String name) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GGUF".getBytes(StandardCharsets.US_ASCII)).putInt(3).putLong(0).putLong(2);
        for (String[] kv : new String[][] {{"general.architecture", "qwen3"}, {"general.name", name}}) {
            for (int i = 0; i < 2; i++) {
                byte[] bytes = kv[i].getBytes(StandardCharsets.UTF_8);
                if (i == 1) {
                    b.putInt(8); // string
                }
                b.putLong(bytes.length).put(bytes);
            }
        }
        while (b.position() % 32 != 0) {
            b.put((byte) 0);
        }
        Files.write(file, Arrays.copyOf(b.array(), b.position()));
    }

    @Test
    void createFromAModelName(@TempDir Path dir) throws IOException {
        Path modelfile = Files.writeString(dir.resolve("Modelfile"), "FROM tiny\nSYSTEM Be brief.\n");
        CliHarness.Run create = cli.run("create", "brief", "-f", modelfile.toString());
        assertEquals(0, create.exit(), create.err());
        assertTrue(create.err().contains("using existing layer sha256:"), create.err());
        assertEquals("Be brief.", cli.run("show", "brief", "--system").out());
    }

    @Test
    void createQuantizesWithABar(@TempDir Path dir) throws IOException {
        Path f32 = TestModelFiles.get(TestModelConfig.TINY, "f32"); // made already, as the source of q4_k_m
        Path modelfile = Files.writeString(dir.resolve("Modelfile"), "FROM " + f32 + "\n");
        CliHarness.Run create = cli.run("create", "tiny-q8", "-f", modelfile.toString(), "-q", "q8_0");
        assertEquals(0, create.exit(), create.err());
        List<String> err = create.err().lines().toList();
        assertTrue(err.stream().anyMatch(l -> l.matches("quantizing F32 model to Q8_0 100% .*")), create.err());
        assertTrue(err.contains("verifying conversion"), create.err());
        assertEquals("success", err.getLast());
        assertEquals("Q8_0", client.show("tiny-q8", false).details().quantizationLevel());
    }

    @Test
    void createWithAMissingModelfileFails(@TempDir Path dir) {
        CliHarness.Run create = cli.run("create", "x", "-f", dir.resolve("nothing").toString());
        assertEquals(1, create.exit());
        assertEquals(List.of("Error: specified Modelfile wasn't found"), create.err().lines().toList());
    }

    @Test
    void createWithABadModelfileNamesTheFault(@TempDir Path dir) throws IOException {
        Path modelfile = Files.writeString(dir.resolve("Modelfile"), "FROM tiny\nPARAMETER warmth 3\n");
        CliHarness.Run create = cli.run("create", "x", "-f", modelfile.toString());
        assertEquals(1, create.exit());
        assertTrue(create.errorLines().getFirst().contains("unknown parameter 'warmth'"), create.err());
    }

    @Test
    void pullShowsABarPerLayerThenTheStatuses() throws IOException {
        served.publish("fetched", ServedStore.chatModel());
        CliHarness.Run pull = cli.run("pull", "fetched");
        assertEquals(0, pull.exit(), pull.err());
        List<String> err = pull.err().lines().toList();
        assertEquals("pulling manifest", err.getFirst());
        List<String> finished = err.stream().filter(l -> l.matches("pulling [0-9a-f]{12}: 100% .*")).toList();
        assertEquals(2, finished.size(), "the weights and the config: " + err);
        assertTrue(finished.getFirst().matches("pulling [0-9a-f]{12}: 100% .*\\d+ MB"), finished.getFirst());
        assertEquals(List.of("verifying sha256 digest", "writing manifest", "success"),
                err.subList(err.size() - 3, err.size()));
        assertTrue(cli.run("list").out().contains("fetched:latest"));

        // a second pull finds every blob present
        CliHarness.Run again = cli.run("pull", "fetched");
        assertEquals(0, again.exit(), again.err());
        assertEquals("success", again.err().lines().toList().getLast());
    }

    @Test
    void aPullOfAModelTheRegistryLacksFails() {
        CliHarness.Run pull = cli.run("pull", "absent");
        assertEquals(1, pull.exit());
        assertEquals(List.of("Error: pull model manifest: file does not exist"), pull.errorLines());
    }

    @Test
    void withoutAServerEveryCommandSaysSo() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ServerCli nowhere = new ServerCli(Map.of("OLLAMA_HOST", "127.0.0.1:" + port));
        for (String[] argv : List.of(new String[] {"list"}, new String[] {"ps"}, new String[] {"show", "m"},
                new String[] {"pull", "m"}, new String[] {"rm", "m"}, new String[] {"cp", "a", "b"},
                new String[] {"stop", "m"}, new String[] {"run", "m", "hi"})) {
            CliHarness.Run run = nowhere.run(argv);
            assertEquals(1, run.exit(), String.join(" ", argv));
            assertEquals(List.of("Error: ollama server not responding - could not connect to ollama server, "
                    + "run 'jollama serve' to start it"), run.err().lines().toList(), String.join(" ", argv));
        }
    }
}
