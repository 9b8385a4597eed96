package jollama.models.blocks;

import jollama.quant.FloatMath;

/**
 * Causal grouped-query attention of one query head: heads share key/value heads in groups of
 * {@code heads / kvHeads}, and a query at position {@code pos} sees positions {@code 0..pos}.
 */
public final class Attention {

    private final int heads;
    private final int headDim;
    private final int group;
    private final float scale;

    public Attention(int heads, int kvHeads, int headDim) {
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException(heads + " query heads cannot share " + kvHeads + " key/value heads");
        }
        this.heads = heads;
        this.headDim = headDim;
        this.group = heads / kvHeads;
        this.scale = (float) (1.0 / Math.sqrt(headDim));
    }

    public int heads() {
        return heads;
    }

    public int headDim() {
        return headDim;
    }

    /**
     * Writes head {@code head}'s output for the query {@code q[qOff..]} (that head's slice) at
     * position {@code pos} into {@code out[outOff..]}, using {@code scores} (≥ pos+1) as scratch.
     * Keys and values are laid out as {@link KVCache} keeps them: key/value head j's positions
     * from {@code j · headStride} on, {@code headDim} halves each.
     */
    public void attend(int head, float[] q, int qOff, short[] keys, short[] values, int headStride, int pos,
                       float[] scores, float[] out, int outOff) {
        int kvOff = (head / group) * headStride;
        float max = Float.NEGATIVE_INFINITY;
        for (int t = 0; t <= pos; t++) {
            float s = FloatMath.dotHalves(q, qOff, keys, kvOff + t * headDim, headDim) * scale;
            scores[t] = s;
            max = Math.max(max, s);
        }
        float sum = FloatMath.expAndSum(scores, pos + 1, max);
        // normalize the head's outputs rather than every weight: headDim multiplies, not pos + 1
        FloatMath.weightedSumHalves(scores, pos + 1, values, kvOff, headDim, headDim, out, outOff);
        float inv = 1.0f / sum;
        for (int i = outOff; i < outOff + headDim; i++) {
            out[i] *= inv;
        }
    }
}
