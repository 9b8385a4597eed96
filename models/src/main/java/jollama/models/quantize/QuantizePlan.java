package jollama.models.quantize;

import jollama.gguf.GGMLType;
import jollama.gguf.GGUFFile;
import jollama.gguf.GGUFLookupException;
import jollama.gguf.GGUFMetadata;
import jollama.gguf.GGUFTensor;
import jollama.quant.QuantFormats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Decides, before a byte is written, every output tensor's type and order, as llama-quantize's
 * main loop does, so that a model it cannot quantize fails at once with a message naming the
 * tensor rather than halfway through a 16 GB file.
 */
public final class QuantizePlan {

    /** The types whose tensors can be decoded to float and re-encoded. */
    private static final Set<GGMLType> CONVERTIBLE = EnumSet.of(GGMLType.F32, GGMLType.F16, GGMLType.BF16);

    private QuantizePlan() {
    }

    /**
     * The output tensors of {@code input} quantized to {@code fileType}, in output order.
     *
     * @throws QuantizeException when a tensor cannot be converted, or its target type cannot be written yet
     */
    public static List<TensorPlan> of(GGUFFile input, FileType fileType) {
        GGUFMetadata meta = input.metadata();
        TensorTypePolicy policy = new TensorTypePolicy(fileType, blockCount(meta), input.hasTensor("output.weight"));
        List<GGUFTensor> sorted = new ArrayList<>(input.tensors());
        sorted.sort(Comparator.comparing(GGUFTensor::name, TensorOrder.LLAMA_QUANTIZE));
        List<TensorPlan> plan = new ArrayList<>(sorted.size());
        for (GGUFTensor t : sorted) {
            plan.add(new TensorPlan(t, targetType(t, policy)));
        }
        return List.copyOf(plan);
    }

    private static GGMLType targetType(GGUFTensor t, TensorTypePolicy policy) {
        if (!TensorTypePolicy.isQuantizable(t.name(), dims(t.shape()))) {
            return t.type(); // norms and vectors are copied as they are
        }
        // Asked even for tensors that end up copied: the policy counts attn_v and ffn_down as it goes.
        GGMLType wanted = policy.typeFor(t.name(), t.cols());
        if (wanted == t.type() || t.type().isQuantized()) {
            // Already-quantized tensors keep their type: re-quantizing would compound the error.
            return t.type();
        }
        if (!CONVERTIBLE.contains(t.type())) {
            throw new QuantizeException("tensor '" + t.name() + "' is " + t.type()
                    + "; only F32, F16 and BF16 tensors can be quantized");
        }
        if (!QuantFormats.isSupported(wanted)) {
            throw new QuantizeException("cannot write " + wanted + " (wanted for tensor '" + t.name()
                    + "'): jollama supports " + QuantFormats.supported());
        }
        if (t.cols() % wanted.blockSize() != 0) {
            // The policy falls back for K-quants and refuses the rest; this guards the policy itself.
            throw new QuantizeException("tensor '" + t.name() + "' has rows of " + t.cols() + " elements, which "
                    + wanted + " blocks of " + wanted.blockSize() + " cannot divide");
        }
        return wanted;
    }

    /** ggml_n_dims: the rank not counting trailing dimensions of 1 (a [256, 1] tensor is a vector). */
    static int dims(long[] shape) {
        int n = shape.length;
        while (n > 1 && shape[n - 1] == 1) {
            n--;
        }
        return Math.max(n, 1);
    }

    private static int blockCount(GGUFMetadata meta) {
        try {
            String arch = meta.string("general.architecture");
            return meta.u32(arch + ".block_count");
        } catch (GGUFLookupException e) {
            throw new QuantizeException("cannot quantize: " + e.getMessage());
        }
    }
}
