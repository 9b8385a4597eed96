package jollama.models.blocks;

import jollama.quant.FloatMath;

/**
 * Keys and values of every layer for the positions of one sequence, as fp16 (what llama.cpp and
 * Ollama keep by default: half the memory of floats, and half the bytes attention streams at
 * long contexts). Head-major: the keys of one key/value head over all positions are one
 * contiguous block of {@code capacity · headDim} halves, position after position, so attention
 * reads a head's keys and values front to back instead of stepping over every other head's
 * slice (a page apart at Qwen3's kvDim), which the prefetchers and the TLB could not follow.
 */
public final class KVCache {

    private final short[][] keys;
    private final short[][] values;
    private final int kvHeads;
    private final int headDim;
    private final int capacity;

    public KVCache(int layers, int capacity, int kvHeads, int headDim) {
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.capacity = capacity;
        int halves = Math.multiplyExact(Math.multiplyExact(capacity, kvHeads), headDim);
        this.keys = new short[layers][halves];
        this.values = new short[layers][halves];
    }

    public int capacity() {
        return capacity;
    }

    /** Halves from one key/value head's block to the next: {@code capacity · headDim}. */
    public int headStride() {
        return capacity * headDim;
    }

    public short[] keys(int layer) {
        return keys[layer];
    }

    public short[] values(int layer) {
        return values[layer];
    }

    /**
     * Stores the key and value of {@code pos} from {@code k[kOff..]} and {@code v[vOff..]}, each
     * {@code kvHeads · headDim} floats, head after head, rounded to fp16 (clamped to its range).
     */
    public void store(int layer, int pos, float[] k, int kOff, float[] v, int vOff) {
        for (int h = 0; h < kvHeads; h++) {
            int at = h * capacity * headDim + pos * headDim;
            FloatMath.toHalves(k, kOff + h * headDim, keys[layer], at, headDim);
            FloatMath.toHalves(v, vOff + h * headDim, values[layer], at, headDim);
        }
    }
}
