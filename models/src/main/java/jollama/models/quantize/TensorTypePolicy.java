package jollama.models.quantize;

import jollama.gguf.GGMLType;

/**
 * Chooses each tensor's type the way llama-quantize does (llama_tensor_get_type, no importance
 * matrix) for the file types jollama writes: norms and 1-D tensors stay as they are, the output
 * head (or the tied token embedding serving as one) gets Q6_K, and the K-quant mixes give attn_v
 * and ffn_down more bits in the first, last and every third layer.
 *
 * <p>One instance per file: like llama-quantize it counts the attn_v and ffn_down tensors it has
 * seen, so tensors must be offered in llama-quantize's order (by layer, then by name).
 */
public final class TensorTypePolicy {

    private final FileType fileType;
    private final int layers;
    private final boolean hasOutputTensor;
    private int attentionV;
    private int ffnDown;

    /**
     * @param layers          the block count ({@code <arch>.block_count})
     * @param hasOutputTensor whether the model has a separate {@code output.weight}; without one
     *                        the token embedding doubles as the output head
     */
    public TensorTypePolicy(FileType fileType, int layers, boolean hasOutputTensor) {
        this.fileType = fileType;
        this.layers = layers;
        this.hasOutputTensor = hasOutputTensor;
    }

    /** Whether llama-quantize converts this tensor at all (2-D+ weights, but no norms). */
    public static boolean isQuantizable(String name, int dims) {
        return name.endsWith("weight") && dims >= 2 && !name.contains("_norm.weight");
    }

    /**
     * The type for a quantizable tensor with {@code cols} elements per row.
     * Call once per tensor, in file order.
     *
     * @throws QuantizeException when no type with a fitting block exists (rows that neither the
     *                           chosen type nor its fallback can divide, as llama-quantize refuses too)
     */
    public GGMLType typeFor(String name, long cols) {
        GGMLType type = fileType.defaultType();
        if (!type.isQuantized()) {
            return type; // F16/BF16/F32 files convert every quantizable tensor alike
        }
        if (name.equals("output.weight") || (!hasOutputTensor && name.equals("token_embd.weight"))) {
            if (cols % type.blockSize() != 0) {
                type = GGMLType.Q8_0;
            } else if (type != GGMLType.Q8_0) {
                type = GGMLType.Q6_K;
            }
        } else if (name.contains("attn_v.weight")) {
            if ((fileType == FileType.Q4_K_M || fileType == FileType.Q5_K_M) && useMoreBits(attentionV, layers)) {
                type = GGMLType.Q6_K;
            } else if (fileType == FileType.Q4_K_S && attentionV < 4) {
                type = GGMLType.Q5_K;
            }
            attentionV++;
        } else if (name.contains("ffn_down")) {
            int layer = ffnDown;
            if (fileType == FileType.Q4_K_M && useMoreBits(layer, layers)) {
                type = GGMLType.Q6_K;
            } else if (fileType == FileType.Q5_K_M && useMoreBits(layer, layers)) {
                type = GGMLType.Q6_K;
            } else if (fileType == FileType.Q4_K_S && layer < layers / 8) {
                type = GGMLType.Q5_K;
            }
            ffnDown++;
        }
        return cols % type.blockSize() == 0 ? type : fallback(name, type, cols);
    }

    /** llama.cpp's use_more_bits: the first and last eighth of the layers, and every third between. */
    static boolean useMoreBits(int layer, int layers) {
        return layer < layers / 8 || layer >= 7 * layers / 8 || (layer - layers / 8) % 3 == 2;
    }

    /**
     * A type whose block fits rows that the chosen K-quant's 256-element blocks do not divide.
     * Like llama-quantize, only K-quants have a fallback: rows that a 32-element block cannot
     * divide are an error for the other types.
     *
     * @throws QuantizeException when {@code type} has no fallback
     */
    private static GGMLType fallback(String name, GGMLType type, long cols) {
        GGMLType replacement = switch (type) {
            case Q4_K -> GGMLType.Q5_0;
            case Q5_K -> GGMLType.Q5_1;
            case Q6_K -> GGMLType.Q8_0;
            default -> throw new QuantizeException("tensor '" + name + "' has rows of " + cols
                    + " elements, which " + type + " blocks of " + type.blockSize() + " cannot divide");
        };
        return cols % replacement.blockSize() == 0 ? replacement : GGMLType.F16;
    }
}
