package jollama.server.cli;

import jollama.models.testmodel.Qwen3TokenizerData;
import jollama.models.testmodel.TestModelGenerator;
import jollama.models.quantize.FileType;
import jollama.models.quantize.QuantizeResult;
import jollama.models.testmodel.TestModelConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code jollama testmodel CONFIG OUT.gguf [--seed N] [--layers L] [--type TYPE]}: writes one of
 * the seeded random-weight Qwen3 fixture models (../shared/fixtures/README.md), in F32 or, with
 * {@code --type}, quantized through a temporary F32 file next to the output.
 */
final class TestModelCommand implements Command {

    @Override
    public String name() {
        return "testmodel";
    }

    @Override
    public String summary() {
        return "Write a seeded random-weight Qwen3 test model";
    }

    @Override
    public String usage() {
        return "CONFIG OUT.gguf [--seed N] [--layers L] [--type TYPE] [--threads N]   (CONFIG: "
                + String.join(", ", TestModelConfig.all().stream().map(TestModelConfig::name).toList()) + ")";
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of("seed", "layers", "type", "threads");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        TestModelConfig config = config(args.positional(0, "CONFIG"));
        Path output = Path.of(args.positional(1, "output path OUT.gguf"));
        if (args.positionals().size() > 2) {
            throw new UsageException("too many arguments: " + args.positionals().subList(2, args.positionals().size()));
        }
        config = config.withSeed(args.longOption("seed", config.seed()));
        int layers = args.intOption("layers", config.layers());
        if (layers < 1) {
            throw new UsageException("--layers must be at least 1");
        }
        config = config.withLayers(layers);
        String typeName = args.option("type", null);
        FileType type = typeName == null ? FileType.F32 : Quantization.parseType(typeName);
        int threads = Quantization.threads(args);

        long start = System.nanoTime();
        if (type == FileType.F32) {
            writeF32(config, output, err);
        } else {
            Path f32 = temporarySibling(output);
            try {
                writeF32(config, f32, err);
                QuantizeResult result = Quantization.run(f32, output, type, threads, err);
                out.println("quantized: " + Quantization.summary(result));
            } finally {
                Files.deleteIfExists(f32);
            }
        }
        out.println(String.format(Locale.ROOT, "wrote %s (%s, %d layers, %s, %s) in %.1f s", output,
                config.generalName(), config.layers(), type.displayName(), ByteSize.format(Files.size(output)),
                (System.nanoTime() - start) / 1e9));
        return 0;
    }

    private static void writeF32(TestModelConfig config, Path target, PrintStream err) throws IOException {
        ProgressBar bar = ProgressBar.on(err, "writing model");
        TestModelGenerator.writeF32(config, Qwen3TokenizerData.load(), target,
                (tensors, of, bytes, total) -> bar.update((double) bytes / total, tensors + "/" + of + " tensors"));
        bar.finish(TestModelGenerator.tensorSpecs(config).size() + " tensors");
    }

    private static TestModelConfig config(String name) {
        try {
            return TestModelConfig.named(name);
        } catch (NoSuchElementException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The F32 intermediate: next to the output (same disk, no /tmp size surprises), hidden, unique. */
    private static Path temporarySibling(Path output) {
        Path dir = output.toAbsolutePath().getParent();
        return dir.resolve("." + output.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".f32.gguf");
    }
}
