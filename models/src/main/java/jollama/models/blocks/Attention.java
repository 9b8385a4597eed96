package jollama.models.blocks;

/**
 * Causal grouped-query attention of one query head: heads share key/value heads in groups of
 * {@code heads / kvHeads}, and a query at position {@code pos} sees positions {@code 0..pos}.
 */
public final class Attention {

    private final int headDim;
    private final int group;
    private final float scale;

    public Attention(int heads, int kvHeads, int headDim) {
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException(heads + " query heads cannot share " + kvHeads + " key/value heads");
        }
        this.headDim = headDim;
        this.group = heads / kvHeads;
        this.scale = (float) (1.0 / Math.sqrt(headDim));
    }

    /**
     * Writes head {@code head}'s output for the query {@code q[qOff..]} (that head's slice) at
     * position {@code pos} into {@code out[outOff..]}, using {@code scores} (≥ pos+1) as scratch.
     */
    public void attend(int head, float[] q, int qOff, float[] keys, float[] values, int kvDim, int pos,
                       float[] scores, float[] out, int outOff) {
        int kvOff = (head / group) * headDim;
        float max = Float.NEGATIVE_INFINITY;
        for (int t = 0; t <= pos; t++) {
            int k = t * kvDim + kvOff;
            float dot = 0;
            for (int i = 0; i < headDim; i++) {
                dot += q[qOff + i] * keys[k + i];
            }
            float s = dot * scale;
            scores[t] = s;
            max = Math.max(max, s);
        }
        float sum = 0;
        for (int t = 0; t <= pos; t++) {
            float e = (float) Math.exp(scores[t] - max);
            scores[t] = e;
            sum += e;
        }
        float inv = 1.0f / sum;
        java.util.Arrays.fill(out, outOff, outOff + headDim, 0f);
        for (int t = 0; t <= pos; t++) {
            float a = scores[t] * inv;
            int v = t * kvDim + kvOff;
            for (int i = 0; i < headDim; i++) {
                out[outOff + i] += a * values[v + i];
            }
        }
    }
}
