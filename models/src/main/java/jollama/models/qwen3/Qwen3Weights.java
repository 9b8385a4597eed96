package jollama.models.qwen3;

import jollama.gguf.GGUFFile;
import jollama.models.blocks.Linear;
import jollama.models.blocks.Vectors;

/** Qwen3's tensors, as views of the mapped GGUF file (norm weights copied: they are tiny). */
record Qwen3Weights(Linear tokenEmbedding, Layer[] layers, float[] outputNorm, Linear output) {

    record Layer(float[] attnNorm, Linear wq, Linear wk, Linear wv, float[] qNorm, float[] kNorm, Linear wo,
                 float[] ffnNorm, Linear gate, Linear up, Linear down) {
    }

    static Qwen3Weights load(GGUFFile file, Qwen3Config c) {
        Layer[] layers = new Layer[c.layers()];
        for (int i = 0; i < layers.length; i++) {
            String p = "blk." + i + ".";
            layers[i] = new Layer(
                    Vectors.load(file.tensor(p + "attn_norm.weight"), c.hidden()),
                    linear(file, p + "attn_q.weight", c.qDim(), c.hidden()),
                    linear(file, p + "attn_k.weight", c.kvDim(), c.hidden()),
                    linear(file, p + "attn_v.weight", c.kvDim(), c.hidden()),
                    Vectors.load(file.tensor(p + "attn_q_norm.weight"), c.headDim()),
                    Vectors.load(file.tensor(p + "attn_k_norm.weight"), c.headDim()),
                    linear(file, p + "attn_output.weight", c.hidden(), c.qDim()),
                    Vectors.load(file.tensor(p + "ffn_norm.weight"), c.hidden()),
                    linear(file, p + "ffn_gate.weight", c.ffn(), c.hidden()),
                    linear(file, p + "ffn_up.weight", c.ffn(), c.hidden()),
                    linear(file, p + "ffn_down.weight", c.hidden(), c.ffn()));
        }
        Linear embedding = linear(file, "token_embd.weight", c.vocab(), c.hidden());
        // Tied embeddings: without output.weight the embedding matrix is the output head.
        Linear output = file.hasTensor("output.weight") ? linear(file, "output.weight", c.vocab(), c.hidden()) : embedding;
        return new Qwen3Weights(embedding, layers, Vectors.load(file.tensor("output_norm.weight"), c.hidden()), output);
    }

    private static Linear linear(GGUFFile file, String name, int rows, int cols) {
        Linear l = Linear.of(file.tensor(name));
        if (l.rows() != rows || l.cols() != cols) {
            throw new jollama.models.ModelException(file.path() + ": tensor " + name + " is " + l.rows() + "×"
                    + l.cols() + ", expected " + rows + "×" + cols);
        }
        return l;
    }
}
