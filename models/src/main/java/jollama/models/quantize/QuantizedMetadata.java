package jollama.models.quantize;

import jollama.gguf.GGUFMetadata;

/**
 * The metadata of a quantized file, as llama-quantize writes it: every input key in its order
 * (gguf_set_kv), less the split keys of a multi-file model, then {@code general.quantization_version}
 * and {@code general.file_type}. ggml's gguf_set_val_u32 removes an existing key and appends it,
 * so both always end up last, in that order (the llama.cpp-made fixtures show exactly this).
 */
public final class QuantizedMetadata {

    /** ggml's GGML_QNT_VERSION: the block layouts jollama reads and writes. */
    public static final int QUANTIZATION_VERSION = 2;
    public static final String QUANTIZATION_VERSION_KEY = "general.quantization_version";
    public static final String FILE_TYPE_KEY = "general.file_type";

    private static final String[] SPLIT_KEYS = {"split.no", "split.count", "split.tensors.count"};

    private QuantizedMetadata() {
    }

    public static GGUFMetadata of(GGUFMetadata input, FileType fileType) {
        GGUFMetadata.Builder b = GGUFMetadata.builder(input);
        for (String key : SPLIT_KEYS) {
            b.remove(key);
        }
        return b.remove(QUANTIZATION_VERSION_KEY).putU32(QUANTIZATION_VERSION_KEY, QUANTIZATION_VERSION)
                .remove(FILE_TYPE_KEY).putU32(FILE_TYPE_KEY, fileType.id())
                .build();
    }
}
