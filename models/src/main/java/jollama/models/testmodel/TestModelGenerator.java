package jollama.models.testmodel;

import jollama.gguf.GGMLType;
import jollama.gguf.GGUFMetadata;
import jollama.gguf.GGUFTensorInfo;
import jollama.gguf.GGUFWriter;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/**
 * Generates the fixture models of ../shared/fixtures/README.md bit for bit: tensor names, order
 * and shapes, seeded weights ({@link TestWeights}) and metadata ({@link TestModelMetadata}).
 *
 * <p>{@link #writeF32} streams: each tensor is generated chunk by chunk straight into the output
 * file's mapping, so the 16 GB {@code 4b} config never sits in memory. {@link #tensorSpecs} and
 * {@link #fill} give the same data without a file, for the quantizer.
 */
public final class TestModelGenerator {

    /** Elements generated per chunk: small enough to stay in cache, large enough to amortize a task. */
    private static final int CHUNK = 1 << 16;
    private static final ValueLayout.OfFloat LE_FLOAT =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private static final String[] LAYER_TENSORS = {"attn_norm", "attn_q", "attn_k", "attn_v", "attn_q_norm",
            "attn_k_norm", "attn_output", "ffn_norm", "ffn_gate", "ffn_up", "ffn_down"};

    private TestModelGenerator() {
    }

    /** The tensors of {@code config} in file order, as the spec lists them. */
    public static List<TestTensorSpec> tensorSpecs(TestModelConfig config) {
        List<TestTensorSpec> specs = new ArrayList<>();
        specs.add(tensorSpec(config, "token_embd.weight"));
        for (int layer = 0; layer < config.layers(); layer++) {
            for (String t : LAYER_TENSORS) {
                specs.add(tensorSpec(config, "blk." + layer + "." + t + ".weight"));
            }
        }
        specs.add(tensorSpec(config, "output_norm.weight"));
        return List.copyOf(specs);
    }

    /**
     * The spec of the tensor called {@code name} in {@code config}.
     *
     * @throws IllegalArgumentException when {@code config} has no such tensor
     */
    public static TestTensorSpec tensorSpec(TestModelConfig config, String name) {
        int h = config.hidden();
        if (name.equals("token_embd.weight")) {
            return new TestTensorSpec(name, new long[] {h, config.vocab()});
        }
        if (name.equals("output_norm.weight")) {
            return new TestTensorSpec(name, new long[] {h});
        }
        String[] parts = name.split("\\.");
        if (parts.length == 4 && parts[0].equals("blk") && parts[3].equals("weight") && isLayer(config, parts[1])) {
            long[] shape = switch (parts[2]) {
                case "attn_norm", "ffn_norm" -> new long[] {h};
                case "attn_q_norm", "attn_k_norm" -> new long[] {config.headDim()};
                case "attn_q" -> new long[] {h, config.qDim()};
                case "attn_k", "attn_v" -> new long[] {h, config.kvDim()};
                case "attn_output" -> new long[] {config.qDim(), h};
                case "ffn_gate", "ffn_up" -> new long[] {h, config.ffn()};
                case "ffn_down" -> new long[] {config.ffn(), h};
                default -> null;
            };
            if (shape != null) {
                return new TestTensorSpec(name, shape);
            }
        }
        throw new IllegalArgumentException("test model " + config.name() + " has no tensor '" + name + "'");
    }

    private static boolean isLayer(TestModelConfig config, String index) {
        if (index.isEmpty() || index.length() > 6 || !index.chars().allMatch(Character::isDigit)
                || (index.length() > 1 && index.charAt(0) == '0')) {
            return false;
        }
        return Integer.parseInt(index) < config.layers();
    }

    /**
     * Fills {@code dst} with elements {@code first .. first + dst.length - 1} of tensor
     * {@code name} (GGUF data order: ne0 varies fastest), exactly as the spec defines them.
     */
    public static void fill(TestModelConfig config, String name, long first, float[] dst) {
        TestTensorSpec spec = tensorSpec(config, name);
        if (first < 0 || first > spec.elementCount() - dst.length) {
            throw new IndexOutOfBoundsException(name + " has " + spec.elementCount() + " elements; asked for "
                    + dst.length + " from " + first);
        }
        if (config.embedding() && name.equals("token_embd.weight")) {
            embedModelTokenEmbedding(config.seed(), first, dst);
        } else if (config.embedding() && name.equals("output_norm.weight")) {
            embedModelOutputNorm(config.seed(), first, dst);
        } else if (!spec.isNorm()) {
            TestWeights.matrix(name, config.seed(), (int) spec.cols(), first, dst);
        } else if (first == 0 && dst.length == spec.elementCount()) {
            TestWeights.norm(name, config.seed(), dst);
        } else {
            // Norm weights are one row of at most hidden elements: generate whole, copy the range.
            float[] all = new float[(int) spec.elementCount()];
            TestWeights.norm(name, config.seed(), all);
            System.arraycopy(all, (int) first, dst, 0, dst.length);
        }
    }

    // The fixture README states the chat models' rules only. The embedding model's golden hashes
    // (tensor-hashes.json, embed-f32-source) match the same draws with two other constants: its
    // token_embd is uniform with a = sqrt(3) * 0.25 (standard deviation 0.25, as its Q8_0 fixture
    // shows) and its output_norm is centred on c = 1.0 (its pooled output is normalized anyway).
    private static final double EMBED_MODEL_TOKEN_SCALE = Math.sqrt(3.0) * 0.25;
    private static final double EMBED_MODEL_OUTPUT_NORM = 1.0;

    private static void embedModelTokenEmbedding(long seed, long first, float[] dst) {
        long s = TestWeights.fnv1a64("token_embd.weight") ^ seed;
        for (int k = 0; k < dst.length; k++) {
            dst[k] = (float) ((2.0 * TestWeights.uniform(s, first + k) - 1.0) * EMBED_MODEL_TOKEN_SCALE);
        }
    }

    private static void embedModelOutputNorm(long seed, long first, float[] dst) {
        long s = TestWeights.fnv1a64("output_norm.weight") ^ seed;
        double c = EMBED_MODEL_OUTPUT_NORM;
        for (int k = 0; k < dst.length; k++) {
            dst[k] = (float) (c + 0.1 * c * (2.0 * TestWeights.uniform(s, first + k) - 1.0));
        }
    }

    /** The whole tensor {@code name}; for tensors that fit in one Java array. */
    public static float[] generate(TestModelConfig config, String name) {
        TestTensorSpec spec = tensorSpec(config, name);
        if (spec.elementCount() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(name + " of " + config.name() + " has " + spec.elementCount()
                    + " elements, too many for one array; use fill with ranges");
        }
        float[] all = new float[(int) spec.elementCount()];
        fill(config, name, 0, all);
        return all;
    }

    /** Writes the F32 GGUF of {@code config} to {@code target}, loading the bundled tokenizer. */
    public static void writeF32(TestModelConfig config, Path target) throws IOException {
        writeF32(config, Qwen3TokenizerData.load(), target);
    }

    /** Writes the F32 GGUF of {@code config} to {@code target} (atomically: see {@link GGUFWriter}). */
    public static void writeF32(TestModelConfig config, Qwen3TokenizerData tokenizer, Path target)
            throws IOException {
        writeF32(config, tokenizer, target, (tensors, of, bytes, total) -> { });
    }

    /** Receives progress on the writing thread: tensors and bytes written so far, of the totals. */
    @FunctionalInterface
    public interface WriteProgress {
        void progress(int tensorsDone, int tensorCount, long bytesDone, long bytesTotal);
    }

    /** {@link #writeF32(TestModelConfig, Qwen3TokenizerData, Path)} reporting progress (the 4b model takes minutes). */
    public static void writeF32(TestModelConfig config, Qwen3TokenizerData tokenizer, Path target,
                                WriteProgress progress) throws IOException {
        GGUFMetadata metadata = TestModelMetadata.of(config, tokenizer);
        GGUFWriter writer = new GGUFWriter(metadata);
        List<TestTensorSpec> specs = tensorSpecs(config);
        long total = 0;
        for (TestTensorSpec spec : specs) {
            total += writer.addTensor(spec.name(), GGMLType.F32, spec.shape()).byteSize();
        }
        long bytesTotal = total;
        long[] bytesDone = {0};
        int[] tensorsDone = {0};
        progress.progress(0, specs.size(), 0, bytesTotal);
        writer.write(target, (tensor, dst) -> {
            fillSegment(config, tensor, dst, written -> {
                bytesDone[0] += written;
                progress.progress(tensorsDone[0], specs.size(), bytesDone[0], bytesTotal);
            });
            progress.progress(++tensorsDone[0], specs.size(), bytesDone[0], bytesTotal);
        });
    }

    /** Chunks generated in parallel between progress reports. */
    private static final int CHUNKS_PER_REPORT = 64;

    /** Generates one tensor into its F32 little-endian bytes, chunks in parallel (the arena is shared). */
    private static void fillSegment(TestModelConfig config, GGUFTensorInfo tensor, MemorySegment dst,
                                    java.util.function.LongConsumer bytesWritten) {
        long n = tensor.elementCount();
        long chunks = (n + CHUNK - 1) / CHUNK;
        for (long batch = 0; batch < chunks; batch += CHUNKS_PER_REPORT) {
            long end = Math.min(chunks, batch + CHUNKS_PER_REPORT);
            LongStream range = LongStream.range(batch, end);
            (end - batch > 1 ? range.parallel() : range).forEach(c -> {
                long first = c * CHUNK;
                float[] buf = new float[(int) Math.min(CHUNK, n - first)];
                fill(config, tensor.name(), first, buf);
                MemorySegment.copy(buf, 0, dst, LE_FLOAT, first * Float.BYTES, buf.length);
            });
            bytesWritten.accept((Math.min(n, end * CHUNK) - batch * CHUNK) * Float.BYTES);
        }
    }

    /** {@code TestModelGenerator <config> <out.gguf> [seed]}: writes a fixture model in F32. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: TestModelGenerator <tiny|tiny-embed|0.6b|4b> <out.gguf> [seed]");
            System.exit(2);
        }
        TestModelConfig config = TestModelConfig.named(args[0]);
        if (args.length == 3) {
            config = config.withSeed(Long.parseLong(args[2]));
        }
        long start = System.nanoTime();
        writeF32(config, Path.of(args[1]));
        System.err.printf("wrote %s (%s) in %.1f s%n", args[1], config.generalName(),
                (System.nanoTime() - start) / 1e9);
    }
}
