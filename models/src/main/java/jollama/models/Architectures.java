package jollama.models;

import jollama.gguf.GGUFFile;
import jollama.models.qwen3.Qwen3;
import jollama.quant.MatrixOps;

import java.util.List;

/** The architectures jollama runs, chosen by {@code general.architecture}. */
public final class Architectures {

    public static final List<String> SUPPORTED = List.of(Qwen3.ARCHITECTURE);

    private Architectures() {
    }

    /**
     * Builds the model of an open GGUF file; its tensors stay views of the file's mapping.
     *
     * @throws ModelException for an architecture jollama does not run, naming it
     */
    public static LanguageModel load(GGUFFile file, MatrixOps ops) {
        String architecture = file.metadata().optionalString("general.architecture")
                .orElseThrow(() -> new ModelException(file.path() + " has no general.architecture: not a model file"));
        try {
            return switch (architecture) {
                case Qwen3.ARCHITECTURE -> Qwen3.load(file, ops);
                default -> throw new ModelException("unsupported model architecture '" + architecture
                        + "' in " + file.path().getFileName() + "; jollama runs: " + String.join(", ", SUPPORTED));
            };
        } catch (jollama.gguf.GGUFLookupException | IllegalArgumentException e) {
            throw new ModelException(file.path() + ": not a valid " + architecture + " model: " + e.getMessage(), e);
        }
    }
}
