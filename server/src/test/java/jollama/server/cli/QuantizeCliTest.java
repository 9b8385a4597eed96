package jollama.server.cli;

import jollama.gguf.GGMLType;
import jollama.gguf.GGUFFile;
import jollama.gguf.GGUFTensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jollama testmodel} and {@code jollama quantize} end to end, and their error paths. */
class QuantizeCliTest {

    /** sha256 of tiny's token_embd.weight in F32 and in Q8_0, from golden/tensor-hashes.json (llama.cpp). */
    private static final String TINY_TOKEN_EMBD_F32 = "d5e952c112084ae56de044436762fb91f17946ef50a66a7395a382716c2557c3";

    @TempDir
    static Path dir;

    private static Path tinyF32;

    /** A run's exit code and what it printed. */
    private record Run(int exit, String out, String err) {
    }

    private static Run cli(String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = new Cli(o, e).run(argv);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void writeTiny() {
        tinyF32 = dir.resolve("tiny-f32.gguf");
        Run run = cli("testmodel", "tiny", tinyF32.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("qwen3-tiny-seed1"), run.out());
    }

    @Test
    void testmodelWritesTheF32FixtureModel() throws Exception {
        try (GGUFFile f = GGUFFile.open(tinyF32)) {
            assertEquals(24, f.tensors().size());
            assertTrue(f.tensors().stream().allMatch(t -> t.type() == GGMLType.F32));
            assertEquals(TINY_TOKEN_EMBD_F32, sha256(f.tensor("token_embd.weight")));
            assertEquals(0, f.metadata().u32("general.file_type"));
        }
    }

    @Test
    void quantizeWritesQ8_0WithAProgressBarAndASummary() throws IOException {
        Path out = dir.resolve("tiny-q8_0.gguf");
        Run run = cli("quantize", tinyF32.toString(), out.toString(), "q8_0");
        assertEquals(0, run.exit(), run.err());
        // Not a terminal: one plain line per 10 % step, from 0 to 100.
        assertTrue(run.err().contains("quantizing model   0%"), run.err());
        assertTrue(run.err().contains("quantizing model 100% 24/24 tensors"), run.err());
        assertTrue(run.out().contains("→") && run.out().contains("Q8_0"), run.out());
        try (GGUFFile f = GGUFFile.open(out)) {
            // llama-quantize Q8_0 (tensor-hashes.json "q8_0"): norms stay F32, every matrix is Q8_0.
            for (GGUFTensor t : f.tensors()) {
                GGMLType expected = t.name().endsWith("norm.weight") ? GGMLType.F32 : GGMLType.Q8_0;
                assertEquals(expected, t.type(), t.name());
            }
            assertEquals("output_norm.weight", f.tensors().getFirst().name());
            assertEquals(7, f.metadata().u32("general.file_type"));
            assertEquals(2, f.metadata().u32("general.quantization_version"));
        }
    }

    @Test
    void testmodelWithTypeQuantizesAndRemovesItsTemporaryFile() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("typed"));
        Path out = sub.resolve("one-layer-q4_k_m.gguf");
        Run run = cli("testmodel", "tiny", out.toString(), "--layers", "1", "--seed", "7", "--type", "Q4_K_M");
        assertEquals(0, run.exit(), run.err());
        try (Stream<Path> files = Files.list(sub)) {
            assertEquals(List.of(out), files.toList());
        }
        try (GGUFFile f = GGUFFile.open(out)) {
            assertEquals(13, f.tensors().size());
            assertEquals("qwen3-tiny-seed7", f.metadata().string("general.name"));
            assertEquals(1, f.metadata().u32("qwen3.block_count"));
            assertEquals(15, f.metadata().u32("general.file_type"));
            assertEquals(GGMLType.Q6_K, f.tensor("token_embd.weight").type());
            assertEquals(GGMLType.Q4_K, f.tensor("blk.0.attn_q.weight").type());
        }
    }

    @Test
    void missingArgumentsPrintTheUsage() {
        Run run = cli("quantize", tinyF32.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("Usage: jollama quantize IN.gguf OUT.gguf TYPE"), run.err());
        Run none = cli("testmodel");
        assertEquals(1, none.exit());
        assertTrue(none.err().contains("Usage: jollama testmodel CONFIG OUT.gguf"), none.err());
    }

    @Test
    void anUnknownTypeIsRefusedWithTheListOfTypes() {
        Run run = cli("quantize", tinyF32.toString(), dir.resolve("x.gguf").toString(), "q3_k_xl");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("q3_k_xl") && run.err().contains("Q4_K_M") && run.err().contains("Q8_0")
                && run.err().contains("BF16"), run.err());
        assertTrue(Files.notExists(dir.resolve("x.gguf")));
    }

    @Test
    void anUnknownConfigIsRefusedWithTheListOfConfigs() {
        Run run = cli("testmodel", "huge", dir.resolve("y.gguf").toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("huge") && run.err().contains("tiny-embed") && run.err().contains("0.6b"),
                run.err());
    }

    @Test
    void overwritingTheInputIsRefused() throws Exception {
        byte[] before = sha256Bytes(tinyF32);
        Run run = cli("quantize", tinyF32.toString(), tinyF32.toString(), "q8_0");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("refusing to overwrite"), run.err());
        assertEquals(HexFormat.of().formatHex(before), HexFormat.of().formatHex(sha256Bytes(tinyF32)));
    }

    @Test
    void aMissingInputIsNamed() {
        Path missing = dir.resolve("missing.gguf");
        Run run = cli("quantize", missing.toString(), dir.resolve("z.gguf").toString(), "q8_0");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains(missing.toString()), run.err());
    }

    @Test
    void onATerminalTheBarRedrawsInPlaceAtMostEvery100ms() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        PrintStream to = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ProgressBar bar = new ProgressBar(to, "quantizing model", true, now::get);
        bar.update(0.0, "0/4 tensors");
        now.addAndGet(50_000_000L);
        bar.update(0.45, "1/4 tensors"); // too soon: skipped
        now.addAndGet(60_000_000L);
        bar.update(0.48, "2/4 tensors");
        bar.finish("4/4 tensors");
        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertEquals("\rquantizing model   0% ▕                         ▏ 0/4 tensors"
                + "\rquantizing model  48% ▕████████████             ▏ 2/4 tensors"
                + "\rquantizing model 100% ▕█████████████████████████▏ 4/4 tensors" + System.lineSeparator(), shown);
    }

    @Test
    void elsewhereTheBarPrintsOneLinePerTenPercent() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream to = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ProgressBar bar = new ProgressBar(to, "writing model", false, () -> 0L);
        for (int i = 0; i <= 25; i++) {
            bar.update(i / 100.0, i + " units");
        }
        bar.finish("done");
        assertEquals(List.of("writing model   0% 0 units", "writing model  10% 10 units", "writing model  20% 20 units",
                "writing model 100% done"), bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void sizesReadAsOllamaPrintsThem() {
        assertEquals("512 B", ByteSize.format(512));
        assertEquals("4.7 GB", ByteSize.format(4_700_000_000L));
        assertEquals("39 MB", ByteSize.format(39_021_376));
    }

    private static String sha256(GGUFTensor t) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(t.data().asByteBuffer());
        return HexFormat.of().formatHex(md.digest());
    }

    private static byte[] sha256Bytes(Path file) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    }
}
