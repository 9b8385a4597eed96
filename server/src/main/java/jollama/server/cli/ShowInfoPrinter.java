package jollama.server.cli;

import jollama.server.client.ModelInfo;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sections {@code ollama show MODEL} prints from {@code /api/show}: Model (architecture,
 * parameters, context length, embedding length, quantization), Capabilities, Projector,
 * Parameters, Metadata and Tensors (verbose), System and License (their first two lines).
 */
final class ShowInfoPrinter {

    /** tablewriter's width for the long texts of System and License. */
    private static final int TEXT_WRAP = 100;

    private ShowInfoPrinter() {
    }

    static void print(ModelInfo info, boolean verbose, PrintStream out) {
        Map<String, Object> modelInfo = info.modelInfo();
        List<List<String>> model = new ArrayList<>();
        if (!modelInfo.isEmpty()) {
            String arch = String.valueOf(modelInfo.getOrDefault("general.architecture", ""));
            model.add(List.of("", "architecture", arch));
            String parameters = info.details().parameterSize();
            if ((parameters == null || parameters.isEmpty())
                    && modelInfo.get("general.parameter_count") instanceof Number n) {
                parameters = ModelInfoTable.humanNumber(n.longValue());
            }
            model.add(List.of("", "parameters", parameters == null ? "" : parameters));
            if (modelInfo.get(arch + ".context_length") instanceof Number n) {
                model.add(List.of("", "context length", number(n)));
            }
            if (modelInfo.get(arch + ".embedding_length") instanceof Number n) {
                model.add(List.of("", "embedding length", number(n)));
            }
        } else {
            model.add(List.of("", "architecture", nonNull(info.details().family())));
            model.add(List.of("", "parameters", nonNull(info.details().parameterSize())));
        }
        model.add(List.of("", "quantization", nonNull(info.details().quantizationLevel())));
        if (info.requires() != null && !info.requires().isEmpty()) {
            model.add(List.of("", "requires", info.requires()));
        }
        section(out, "Model", model, TextTable.DEFAULT_WRAP);

        if (!info.capabilities().isEmpty()) {
            section(out, "Capabilities", info.capabilities().stream().map(c -> List.of("", c)).toList(),
                    TextTable.DEFAULT_WRAP);
        }
        if (info.projectorInfo() != null && !info.projectorInfo().isEmpty()) {
            section(out, "Projector", projector(info.projectorInfo()), TextTable.DEFAULT_WRAP);
        }
        if (info.parameters() != null && !info.parameters().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (String line : info.parameters().split("\n")) {
                if (!line.isEmpty()) {
                    List<String> row = new ArrayList<>();
                    row.add("");
                    row.addAll(List.of(line.strip().split("\\s+")));
                    rows.add(row);
                }
            }
            section(out, "Parameters", rows, TextTable.DEFAULT_WRAP);
        }
        if (verbose && !modelInfo.isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            new TreeMap<>(modelInfo).forEach((k, v) -> rows.add(List.of("", k, metadataValue(v))));
            section(out, "Metadata", rows, TextTable.DEFAULT_WRAP);
        }
        if (verbose && !info.tensors().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (ModelInfo.Tensor t : info.tensors()) {
                List<String> dims = t.shape() == null ? List.of() : t.shape().stream().map(String::valueOf).toList();
                rows.add(List.of("", t.name(), t.type(), "[" + String.join(" ", dims) + "]"));
            }
            section(out, "Tensors", rows, TextTable.DEFAULT_WRAP);
        }
        if (info.system() != null && !info.system().isEmpty()) {
            section(out, "System", head(info.system(), 2), TEXT_WRAP);
        }
        if (info.license() != null && !info.license().isEmpty()) {
            section(out, "License", head(info.license(), 2), TEXT_WRAP);
        }
        out.flush();
    }

    private static void section(PrintStream out, String title, List<List<String>> rows, int wrap) {
        out.println("  " + title);
        TextTable.print(out, null, rows, wrap);
        out.println();
    }

    private static List<List<String>> projector(Map<String, Object> p) {
        String arch = String.valueOf(p.getOrDefault("general.architecture", ""));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("", "architecture", arch));
        if (p.get("general.parameter_count") instanceof Number n) {
            rows.add(List.of("", "parameters", ModelInfoTable.humanNumber(n.longValue())));
        }
        if (p.get(arch + ".vision.embedding_length") instanceof Number n) {
            rows.add(List.of("", "embedding length", number(n)));
        }
        if (p.get(arch + ".vision.projection_dim") instanceof Number n) {
            rows.add(List.of("", "dimensions", number(n)));
        }
        return rows;
    }

    /** The first {@code n} non-blank lines, trimmed, and "..." when there are more. */
    static List<List<String>> head(String text, int n) {
        List<List<String>> rows = new ArrayList<>();
        int count = 0;
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            count++;
            if (count <= n) {
                rows.add(List.of("", t));
            }
        }
        if (count > n) {
            rows.add(List.of("", "..."));
        }
        return rows;
    }

    /** Go's strconv.FormatFloat(f, 'f', -1, 64): no exponent, no trailing zeros. */
    static String number(Number n) {
        if (n instanceof Integer || n instanceof Long) {
            return n.toString();
        }
        return new BigDecimal(Double.toString(n.doubleValue())).stripTrailingZeros().toPlainString();
    }

    /** Metadata values: arrays shown by their first items and "...+N more", as Ollama abbreviates them. */
    private static String metadataValue(Object v) {
        if (v instanceof List<?> list) {
            int width = 1;
            int shown = 0;
            for (int i = 0; i < list.size(); i++) {
                int w = item(list.get(i)).length() + (i > 0 ? 2 : 0);
                if (width + w > 10 && i > 0) {
                    break;
                }
                width += w;
                shown++;
            }
            List<String> items = list.subList(0, shown).stream().map(ShowInfoPrinter::item).toList();
            String joined = "[" + String.join(" ", items);
            return shown < list.size() ? joined + " ...+" + (list.size() - shown) + " more]" : joined + "]";
        }
        if (v instanceof Number n) {
            return formatG(n.doubleValue()); // JSON numbers are float64 to Go, printed with %g
        }
        return String.valueOf(v);
    }

    private static String item(Object v) {
        return v instanceof Number n ? formatG(n.doubleValue()) : String.valueOf(v);
    }

    /** Go's {@code %g} for a float64: shortest digits, exponent form below 1e-4 and from 1e6. */
    static String formatG(double d) {
        if (d == 0 || Double.isNaN(d) || Double.isInfinite(d)) {
            return d == 0 ? "0" : Double.isNaN(d) ? "NaN" : d > 0 ? "+Inf" : "-Inf";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        if (exponent < -4 || exponent >= 6) {
            String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            String e = Integer.toString(Math.abs(exponent));
            return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
        }
        return exact.toPlainString();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
