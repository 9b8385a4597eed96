package jollama.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jollama.engine.bench.SpeedBenchmark;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * {@code jollama bench MODEL.gguf [-p 128] [-n 64] [-r 5] [-t THREADS] [-d DEPTH] [--parallel N] [--json]}:
 * prompt-evaluation and decode speed as llama-bench measures them, with the machine's read
 * bandwidth and the decode ceiling it implies; with {@code --parallel N}, also the aggregate decode
 * speed of N sequences batched together.
 */
final class BenchCommand implements Command {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "Measure prompt-evaluation and decode speed of a GGUF model";
    }

    @Override
    public String usage() {
        return "MODEL.gguf [-p PROMPT_TOKENS=128] [-n GEN_TOKENS=64] [-r REPETITIONS=5] [-t THREADS] [-d DEPTH=0] [--parallel N=1] [--json]";
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of("p", "n", "r", "t", "parallel", "d");
    }

    @Override
    public Set<String> flags() {
        return Set.of("json");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        Path model = Path.of(args.positional(0, "model file"));
        if (!Files.isRegularFile(model)) {
            throw new UsageException("no such model file: " + model);
        }
        SpeedBenchmark.Settings settings = new SpeedBenchmark.Settings(args.intOption("p", 128),
                args.intOption("n", 64), args.intOption("r", 5), args.intOption("t", 0), args.intOption("parallel", 1), args.intOption("d", 0));
        if (!args.flag("json")) {
            err.println("measuring memory bandwidth and " + settings.repetitions() + " runs of each test...");
        }
        SpeedBenchmark.Result r = SpeedBenchmark.run(model, settings);
        if (args.flag("json")) {
            out.println(json(r));
        } else {
            table(r, out);
        }
        return 0;
    }

    private static void table(SpeedBenchmark.Result r, PrintStream out) {
        out.printf(Locale.ROOT, "| %-28s | %9s | %7s | %-20s | %14s | %20s |%n", "model", "size", "threads", "kernels",
                "test", "t/s");
        out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", "-".repeat(28), "-".repeat(9), "-".repeat(7),
                "-".repeat(20), "-".repeat(14), "-".repeat(20));
        String size = ByteSize.format(r.fileBytes());
        if (r.prompt() != null) {
            out.printf(Locale.ROOT, "| %-28s | %9s | %7d | %-20s | %14s | %20s |%n", r.model(), size, r.threads(),
                    r.kernels(), "pp" + r.settings().promptTokens(), rate(r.prompt()));
        }
        if (r.decode() != null) {
            out.printf(Locale.ROOT, "| %-28s | %9s | %7d | %-20s | %14s | %20s |%n", r.model(), size, r.threads(),
                    r.kernels(), "tg" + r.settings().genTokens() + depth(r), rate(r.decode()));
        }
        if (r.parallelDecode() != null) {
            out.printf(Locale.ROOT, "| %-28s | %9s | %7d | %-20s | %14s | %20s |%n", r.model(), size, r.threads(),
                    r.kernels(), "tg" + r.settings().genTokens() + "×" + r.settings().parallel() + depth(r),
                    rate(r.parallelDecode()));
        }
        out.printf(Locale.ROOT, "memory read bandwidth %.1f GB/s: decode ceiling %.1f t/s%s%n",
                r.bandwidthBytesPerSecond() / 1e9, r.ceilingTokensPerSecond(),
                r.decode() == null ? "" : String.format(Locale.ROOT, ", reached %.0f %%", 100 * r.decodeShareOfCeiling()));
    }

    /** llama-bench's label for a decode test at a depth, e.g. {@code tg64 @ d2048}. */
    private static String depth(SpeedBenchmark.Result r) {
        return r.settings().depth() == 0 ? "" : " @ d" + r.settings().depth();
    }

    private static String rate(SpeedBenchmark.Rate rate) {
        return String.format(Locale.ROOT, "%.2f ± %.2f", rate.mean(), rate.deviation());
    }

    private static String json(SpeedBenchmark.Result r) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("model", r.model());
        root.put("size_bytes", r.fileBytes());
        root.put("threads", r.threads());
        root.put("kernels", r.kernels());
        root.put("repetitions", r.settings().repetitions());
        root.put("depth", r.settings().depth());
        if (r.prompt() != null) {
            ObjectNode pp = root.putObject("pp");
            pp.put("tokens", r.settings().promptTokens());
            rateJson(pp, r.prompt());
        }
        if (r.decode() != null) {
            ObjectNode tg = root.putObject("tg");
            tg.put("tokens", r.settings().genTokens());
            rateJson(tg, r.decode());
        }
        if (r.parallelDecode() != null) {
            ObjectNode tg = root.putObject("tg_parallel");
            tg.put("tokens", r.settings().genTokens());
            tg.put("sequences", r.settings().parallel());
            rateJson(tg, r.parallelDecode());
        }
        root.put("bandwidth_bytes_per_second", r.bandwidthBytesPerSecond());
        root.put("decode_ceiling_tokens_per_second", r.ceilingTokensPerSecond());
        root.put("decode_share_of_ceiling", r.decodeShareOfCeiling());
        return root.toString();
    }

    private static void rateJson(ObjectNode node, SpeedBenchmark.Rate rate) {
        node.put("tokens_per_second", rate.mean());
        node.put("deviation", rate.deviation());
        var samples = node.putArray("samples");
        for (double s : rate.samples()) {
            samples.add(s);
        }
    }
}
