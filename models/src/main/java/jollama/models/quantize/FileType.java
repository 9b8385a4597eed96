package jollama.models.quantize;

import jollama.gguf.GGMLType;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The file types of llama-quantize that jollama writes ({@code general.file_type}, llama_ftype),
 * each with the tensor type most weights get.
 */
public enum FileType {
    F32(0, GGMLType.F32),
    F16(1, GGMLType.F16),
    Q4_0(2, GGMLType.Q4_0),
    Q4_1(3, GGMLType.Q4_1),
    Q8_0(7, GGMLType.Q8_0),
    Q5_0(8, GGMLType.Q5_0),
    Q5_1(9, GGMLType.Q5_1),
    Q4_K_S(14, GGMLType.Q4_K),
    Q4_K_M(15, GGMLType.Q4_K),
    Q5_K_S(16, GGMLType.Q5_K),
    Q5_K_M(17, GGMLType.Q5_K),
    Q6_K(18, GGMLType.Q6_K),
    BF16(32, GGMLType.BF16);

    private final int id;
    private final GGMLType defaultType;

    FileType(int id, GGMLType defaultType) {
        this.id = id;
        this.defaultType = defaultType;
    }

    /** The value of {@code general.file_type}. */
    public int id() {
        return id;
    }

    public GGMLType defaultType() {
        return defaultType;
    }

    /** The file type with {@code general.file_type} {@code id}, if jollama knows it. */
    public static java.util.Optional<FileType> fromId(int id) {
        for (FileType t : values()) {
            if (t.id == id) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }

    /** Parses names as users type them: {@code q4_K_M}, {@code Q4_K_M}, {@code q8_0}, {@code f16}. */
    public static FileType parse(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        for (FileType t : values()) {
            if (t.name().equals(upper)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unsupported quantization type '" + name + "'; use one of "
                + Arrays.stream(values()).map(FileType::displayName).collect(Collectors.joining(", ")));
    }

    /** The spelling Ollama and llama.cpp show, e.g. {@code Q4_K_M}. */
    public String displayName() {
        return name();
    }
}
