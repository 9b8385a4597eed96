package jollama.server.http.catalog;

import jollama.gguf.GGUFFile;
import jollama.gguf.GGUFMetadata;
import jollama.gguf.GGUFTensorInfo;
import jollama.models.quantize.FileType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@link ModelDetails} computed from a GGUF file's header, for models that come without a config
 * blob (plain files): what Ollama's {@code create} would write into the config.
 */
public final class GgufDetails {

    private GgufDetails() {
    }

    public static ModelDetails read(Path gguf) throws IOException {
        try (GGUFFile file = GGUFFile.open(gguf)) {
            return of(file);
        }
    }

    public static ModelDetails of(GGUFFile file) {
        GGUFMetadata md = file.metadata();
        String arch = md.string("general.architecture", "");
        long parameters = 0;
        for (GGUFTensorInfo t : file.tensorInfos()) {
            parameters += t.elementCount();
        }
        String quantization = FileType.fromId(md.u32("general.file_type", -1)).map(FileType::displayName)
                .orElse("unknown");
        return new ModelDetails("", "gguf", arch, List.of(arch), humanNumber(parameters), quantization);
    }

    /** Ollama's format.HumanNumber, as {@code parameter_size} shows it: 8.0B, 596.05M, 12K. */
    public static String humanNumber(long n) {
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
        return v == Math.floor(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, format, v);
    }
}
