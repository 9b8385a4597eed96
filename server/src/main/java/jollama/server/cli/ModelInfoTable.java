package jollama.server.cli;

import jollama.engine.Model;
import jollama.engine.ModelInfo;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The "Model" and "Capabilities" tables of {@code ollama show} / {@code /show info}. */
final class ModelInfoTable {

    private ModelInfoTable() {
    }

    static void print(Model model, PrintStream to) {
        ModelInfo info = model.info();
        table(to, "Model", List.of(
                List.of("architecture", info.architecture()),
                List.of("parameters", humanNumber(info.parameterCount())),
                List.of("context length", Integer.toString(info.trainedContextLength())),
                List.of("embedding length", Integer.toString(info.embeddingLength())),
                List.of("quantization", info.fileType())));
        table(to, "Capabilities", Capabilities.of(model).names().stream().map(List::of).toList());
        to.flush();
    }

    /** Ollama's tablewriter layout: the title indented by two, rows by four, columns four apart. */
    private static void table(PrintStream to, String title, List<List<String>> rows) {
        to.println("  " + title);
        int width = rows.stream().mapToInt(r -> r.getFirst().length()).max().orElse(0);
        for (List<String> row : rows) {
            String line = "    " + (row.size() == 1 ? row.getFirst()
                    : String.format("%-" + width + "s    %s", row.get(0), row.get(1)));
            to.println(line);
        }
        to.println();
    }

    /** Ollama's format.HumanNumber: 8.0B, 596.05M, 12K. */
    static String humanNumber(long n) {
        if (n >= 1_000_000_000L) {
            return scaled(n / 1e9, "%.1f") + "B";
        }
        if (n >= 1_000_000L) {
            return scaled(n / 1e6, "%.2f") + "M";
        }
        if (n >= 1_000L) {
            return String.format(Locale.ROOT, "%.0fK", n / 1e3);
        }
        return Long.toString(n);
    }

    private static String scaled(double v, String format) {
        return v == Math.floor(v) ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, format, v);
    }
}
