package jollama.models.blocks;

/**
 * Keys and values of every layer for the positions of one sequence, head-major: the keys of one
 * key/value head over all positions are one contiguous block of {@code capacity · headDim}
 * floats, position after position. Attention reads a head's keys and values front to back, so
 * at long contexts it streams two blocks instead of stepping over every other head's slice (a
 * page apart at Qwen3's kvDim of 1024 floats), which the prefetchers and the TLB could not follow.
 */
public final class KVCache {

    private final float[][] keys;
    private final float[][] values;
    private final int kvHeads;
    private final int headDim;
    private final int capacity;

    public KVCache(int layers, int capacity, int kvHeads, int headDim) {
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.capacity = capacity;
        int floats = Math.multiplyExact(Math.multiplyExact(capacity, kvHeads), headDim);
        this.keys = new float[layers][floats];
        this.values = new float[layers][floats];
    }

    public int capacity() {
        return capacity;
    }

    /** Floats from one key/value head's block to the next: {@code capacity · headDim}. */
    public int headStride() {
        return capacity * headDim;
    }

    public float[] keys(int layer) {
        return keys[layer];
    }

    public float[] values(int layer) {
        return values[layer];
    }

    /**
     * Stores the key and value of {@code pos} from {@code k[kOff..]} and {@code v[vOff..]}, each
     * {@code kvHeads · headDim} floats, head after head.
     */
    public void store(int layer, int pos, float[] k, int kOff, float[] v, int vOff) {
        for (int h = 0; h < kvHeads; h++) {
            int at = h * capacity * headDim + pos * headDim;
            System.arraycopy(k, kOff + h * headDim, keys[layer], at, headDim);
            System.arraycopy(v, vOff + h * headDim, values[layer], at, headDim);
        }
    }
}
