package jollama.models.quantize;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The order llama-quantize writes tensors in (llama_model_loader's weight_name_comparer): by
 * layer number, tensors outside {@code blk.N.} counting as layer -1, then by name compared as
 * C++ std::string does (unsigned bytes). It matters beyond cosmetics: {@link TensorTypePolicy}
 * counts attn_v and ffn_down tensors in this order to decide which layers get more bits.
 */
public final class TensorOrder {

    /** Compares tensor names in llama-quantize's output order. */
    public static final Comparator<String> LLAMA_QUANTIZE = TensorOrder::compare;

    private TensorOrder() {
    }

    static int compare(String a, String b) {
        int byLayer = Integer.compare(layerOf(a), layerOf(b));
        if (byLayer != 0) {
            return byLayer;
        }
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** What {@code sscanf(name, "blk.%d.", &layer)} yields, -1 when it matches nothing. */
    static int layerOf(String name) {
        if (!name.startsWith("blk.")) {
            return -1;
        }
        int i = 4;
        boolean negative = false;
        if (i < name.length() && (name.charAt(i) == '+' || name.charAt(i) == '-')) {
            negative = name.charAt(i) == '-';
            i++;
        }
        long value = 0;
        int digits = 0;
        for (; i < name.length() && name.charAt(i) >= '0' && name.charAt(i) <= '9' && digits < 10; i++, digits++) {
            value = value * 10 + (name.charAt(i) - '0');
        }
        if (digits == 0) {
            return -1;
        }
        value = negative ? -value : value;
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }
}
