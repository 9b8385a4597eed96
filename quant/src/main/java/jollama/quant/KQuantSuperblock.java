package jollama.quant;

import java.util.Arrays;

/**
 * The part that quantize_row_q4_K_ref and quantize_row_q5_K_ref share: for one 256-weight
 * superblock, the eight sub-block scales and mins found by make_qkx2_quants, packed into the 12
 * bytes of 6-bit values, the fp16 super-scales d and dmin, and each weight's level recomputed from
 * the packed scales. The formats differ only in the level range and the search parameters.
 * Reused across superblocks: one instance per row (or thread).
 */
final class KQuantSuperblock {

    static final int QK = KQuants.QK_K;

    /** The level of each weight, 0 .. nmax. */
    final byte[] levels = new byte[QK];
    /** The packed 6-bit scales and mins. */
    final byte[] packed = new byte[12];
    short d;
    short dmin;

    private final byte[] laux = new byte[32];
    private final float[] weights = new float[32];
    private final float[] mins = new float[QK / 32];
    private final float[] scales = new float[QK / 32];

    /**
     * Quantizes {@code x[xb .. xb + 256)}.
     *
     * @param nmax  the highest level: 15 for Q4_K, 31 for Q5_K
     * @param rmin  make_qkx2_quants' rmin: -1 for Q4_K, -0.5 for Q5_K
     * @param nstep make_qkx2_quants' nstep: 20 for Q4_K, 15 for Q5_K
     */
    void quantize(float[] x, int xb, int nmax, float rmin, int nstep) {
        float maxScale = 0; // the min is deducted, so scales are never negative
        float maxMin = 0;
        for (int j = 0; j < QK / 32; ++j) {
            float sumX2 = 0;
            for (int l = 0; l < 32; ++l) {
                sumX2 += x[xb + 32 * j + l] * x[xb + 32 * j + l];
            }
            float avX = (float) Math.sqrt(sumX2 / 32);
            for (int l = 0; l < 32; ++l) {
                weights[l] = avX + Math.abs(x[xb + 32 * j + l]);
            }
            scales[j] = KQuants.makeQkx2Quants(32, nmax, x, xb + 32 * j, weights, levels, 32 * j, mins, j, laux,
                    rmin, 0.1f, nstep, false);
            if (scales[j] > maxScale) {
                maxScale = scales[j];
            }
            if (mins[j] > maxMin) {
                maxMin = mins[j];
            }
        }
        float invScale = maxScale > 0 ? 63.f / maxScale : 0.f;
        float invMin = maxMin > 0 ? 63.f / maxMin : 0.f;
        Arrays.fill(packed, (byte) 0);
        for (int j = 0; j < QK / 32; ++j) {
            int ls = Math.min(63, KQuants.nearestInt(invScale * scales[j]) & 0xFF); // C stores into uint8_t first
            int lm = Math.min(63, KQuants.nearestInt(invMin * mins[j]) & 0xFF);
            KQuants.packScaleMin(packed, j, ls, lm);
        }
        d = Fp16.fromFloat(maxScale / 63.f);
        dmin = Fp16.fromFloat(maxMin / 63.f);
        for (int j = 0; j < QK / 32; ++j) {
            float dd = Fp16.toFloat(d) * KQuants.scaleK4(j, packed);
            if (dd == 0) {
                continue;
            }
            float dm = Fp16.toFloat(dmin) * KQuants.minK4(j, packed);
            for (int ii = 0; ii < 32; ++ii) {
                int l = KQuants.nearestInt((x[xb + 32 * j + ii] + dm) / dd);
                levels[32 * j + ii] = (byte) Math.max(0, Math.min(nmax, l));
            }
        }
    }
}
