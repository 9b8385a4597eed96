package jollama.models.blocks;

/**
 * Keys and values of every layer for the positions of one sequence. A position's {@code kvDim}
 * floats are contiguous, so attention streams through a head's keys position after position.
 */
public final class KVCache {

    private final float[][] keys;
    private final float[][] values;
    private final int kvDim;
    private final int capacity;

    public KVCache(int layers, int capacity, int kvDim) {
        this.kvDim = kvDim;
        this.capacity = capacity;
        this.keys = new float[layers][capacity * kvDim];
        this.values = new float[layers][capacity * kvDim];
    }

    public int capacity() {
        return capacity;
    }

    public int kvDim() {
        return kvDim;
    }

    public float[] keys(int layer) {
        return keys[layer];
    }

    public float[] values(int layer) {
        return values[layer];
    }

    /** Stores the key and value of {@code pos} from {@code k[kOff..]} and {@code v[vOff..]}. */
    public void store(int layer, int pos, float[] k, int kOff, float[] v, int vOff) {
        System.arraycopy(k, kOff, keys[layer], pos * kvDim, kvDim);
        System.arraycopy(v, vOff, values[layer], pos * kvDim, kvDim);
    }
}
