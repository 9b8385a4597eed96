package jollama.models.testmodel;

import jollama.models.quantize.FileType;
import jollama.models.quantize.ModelQuantizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fixture models for tests, generated on first use and shared by every test of the JVM, in a
 * temporary folder removed at exit: the F32 model of a config, and its quantized variants.
 */
public final class TestModelFiles {

    private static final Map<String, Path> FILES = new HashMap<>();
    private static Path folder;

    private TestModelFiles() {
    }

    /** The model of {@code config} in {@code variant} ("f32", "q4_k_m", ...), generated once. */
    public static synchronized Path get(TestModelConfig config, String variant) {
        String key = config.name() + "-" + variant;
        Path path = FILES.get(key);
        if (path == null) {
            try {
                path = folder().resolve(key + ".gguf");
                if (variant.equals("f32")) {
                    TestModelGenerator.writeF32(config, path);
                } else {
                    new ModelQuantizer(FileType.parse(variant)).quantize(get(config, "f32"), path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            FILES.put(key, path);
        }
        return path;
    }

    private static Path folder() throws IOException {
        if (folder == null) {
            folder = Files.createTempDirectory("jollama-test-models");
            Path created = folder;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(created)));
        }
        return folder;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
