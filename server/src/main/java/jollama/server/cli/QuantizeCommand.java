package jollama.server.cli;

import jollama.models.quantize.FileType;
import jollama.models.quantize.QuantizeResult;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** {@code jollama quantize IN.gguf OUT.gguf TYPE}: llama-quantize's job, same bytes. */
final class QuantizeCommand implements Command {

    @Override
    public String name() {
        return "quantize";
    }

    @Override
    public String summary() {
        return "Quantize a GGUF model file (as llama-quantize does)";
    }

    @Override
    public String usage() {
        return "IN.gguf OUT.gguf TYPE [--threads N]   (TYPE: Q4_K_M, Q5_K_M, Q6_K, Q8_0, Q4_0, F16, BF16, ...)";
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of("threads");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        Path input = Path.of(args.positional(0, "input model IN.gguf"));
        Path output = Path.of(args.positional(1, "output path OUT.gguf"));
        FileType type = Quantization.parseType(args.positional(2, "quantization TYPE"));
        if (args.positionals().size() > 3) {
            throw new UsageException("too many arguments: " + args.positionals().subList(3, args.positionals().size()));
        }
        int threads = Quantization.threads(args);
        if (!Files.isRegularFile(input)) {
            err.println("Error: no model file at " + input);
            return 1;
        }
        Path outputDir = output.toAbsolutePath().getParent();
        if (!Files.isDirectory(outputDir)) {
            err.println("Error: no directory " + outputDir + " to write " + output.getFileName() + " into");
            return 1;
        }
        QuantizeResult result = Quantization.run(input, output, type, threads, err);
        out.println("quantized " + output + ": " + Quantization.summary(result));
        return 0;
    }
}
